//! What to draw, in world coordinates, shared by the window and the headless renderer.
