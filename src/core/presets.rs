//! The built-in classroom scenarios. Each is a plain scenario file in `assets/presets/`,
//! so a teacher can read it, save it and change it like any other.

use super::scenario::Scenario;

/// A built-in scenario.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// The name `--preset` takes.
    pub name: &'static str,
    /// One line saying what it shows.
    pub description: &'static str,
    /// The scenario file's text.
    pub json: &'static str,
}

macro_rules! preset {
    ($name:literal, $description:literal) => {
        Preset {
            name: $name,
            description: $description,
            json: include_str!(concat!("../../assets/presets/", $name, ".json")),
        }
    };
}

/// Every preset, in teaching order.
pub const PRESETS: &[Preset] = &[
    preset!(
        "ravine-momentum",
        "Ravine: plain SGD zigzags across the narrow valley, momentum glides along it"
    ),
    preset!(
        "rosenbrock",
        "Rosenbrock's banana valley with momentum, RMSProp and Adam under warmup + cosine (SPEC example)"
    ),
    preset!(
        "rosenbrock-valley",
        "Rosenbrock's valley, long enough to arrive: momentum reaches (1, 1), Adam nearly, RMSProp still crawls"
    ),
    preset!(
        "noisy-quadratic",
        "Noisy gradients: SGD jitters around the bowl while RMSProp and Adam stay steady"
    ),
    preset!(
        "per-parameter-scales",
        "Different scales per parameter (λ1 = 1, λ2 = 100): RMSProp and Adam even out the step per axis"
    ),
    preset!(
        "saddle-escape",
        "Saddle point: starting almost on the ridge, SGD lingers while momentum (same effective rate) and Adam escape"
    ),
    preset!(
        "warmup-cosine",
        "Warmup + cosine: on a bowl with steep walls the same peak rate diverges without warmup and converges with it"
    ),
    preset!(
        "step-decay",
        "Step decay on a noisy bowl: cutting the rate ×0.1 at steps 100 and 200 settles the jitter"
    ),
    preset!(
        "plateau-early-stopping",
        "Plateau + early stopping on a line fit whose validation set disagrees with training"
    ),
    preset!(
        "es-plateau",
        "Early stopping and a plateau schedule together: the plateau patience must be the smaller one, or the run stops before the cut"
    ),
    preset!(
        "lr-too-high",
        "LR too high: SGD at lr = 0.12 on a bowl with λ = 20 (stable only below 2/λ = 0.1) blows up"
    ),
    preset!(
        "lr-too-low",
        "LR too low: SGD at lr = 2e-5 barely moves; the loss curve is almost flat"
    ),
    preset!(
        "himmelblau-minima",
        "Himmelblau's four minima: where you start decides where you end"
    ),
    preset!(
        "rastrigin-local-minima",
        "Rastrigin: a bowl covered in dimples; gradient steps, with or without momentum, stop in the nearest one"
    ),
    preset!(
        "reading-loss-curves",
        "Reading a loss curve: three SGD runs that differ only in lr (too high, too low, about right)"
    ),
    preset!(
        "adam-bias-correction",
        "Adam's bias correction: with β2 = 0.999 the first steps would be huge without it; AdamW adds decay"
    ),
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
