//! The headless CPU renderer: PNG and GIF without a window or a GPU.
