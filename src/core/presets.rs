//! The built-in classroom scenarios. Each is a plain scenario file in `assets/presets/`,
//! so a teacher can read it, save it and change it like any other.

use super::scenario::Scenario;

/// A built-in scenario.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// The name `--preset` takes.
    pub name: &'static str,
    /// The scenario file's text.
    pub json: &'static str,
}

macro_rules! preset {
    ($name:literal) => {
        Preset {
            name: $name,
            json: include_str!(concat!("../../assets/presets/", $name, ".json")),
        }
    };
}

/// Every preset, in teaching order.
pub const PRESETS: &[Preset] = &[
    preset!("ravine-momentum"),
    preset!("rosenbrock"),
    preset!("rosenbrock-valley"),
    preset!("noisy-quadratic"),
    preset!("per-parameter-scales"),
    preset!("saddle-escape"),
    preset!("warmup-cosine"),
    preset!("step-decay"),
    preset!("plateau-early-stopping"),
    preset!("es-plateau"),
    preset!("lr-too-high"),
    preset!("lr-too-low"),
    preset!("himmelblau-minima"),
    preset!("rastrigin-local-minima"),
    preset!("reading-loss-curves"),
    preset!("adam-bias-correction"),
    preset!("adam-epsilon"),
    preset!("which-optimizer"),
    preset!("which-optimizer-ravine"),
    preset!("which-optimizer-noisy"),
    preset!("lr-protocol"),
    preset!("lr-protocol-lower"),
    preset!("lr-protocol-raise"),
    preset!("lr-protocol-schedule"),
    preset!("ema-weights"),
];

/// The preset named `name`.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

impl Preset {
    /// The preset's scenario. Presets are tested to parse, so this does not fail.
    pub fn scenario(&self) -> Scenario {
        Scenario::from_json(self.json)
            .unwrap_or_else(|e| panic!("preset {} is invalid: {e}", self.name))
    }
}

/// The scenario the app opens with.
pub fn default_scenario() -> Scenario {
    PRESETS[1].scenario()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_parses_and_names_are_unique() {
        for (i, p) in PRESETS.iter().enumerate() {
            Scenario::from_json(p.json).unwrap_or_else(|e| panic!("{}: {e}", p.name));
            assert!(PRESETS[..i].iter().all(|q| q.name != p.name));
        }
        assert!(PRESETS.len() >= 10);
    }
}
