//! Parameter metadata shared by the optimizer and surface registries: one [`ParamSpec`]
//! per field says what a file may hold, what the default is, how a slider moves it and
//! which translation keys name it. Parsing, validation, the app's sliders, titles and
//! `gradscape surfaces` all read these tables, so a new kind declares its fields once.

use super::scenario::Problem;

/// Which values a field accepts; its rule's id names the problem of a value it refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Valid {
    /// Any finite number.
    Finite,
    /// A finite number > 0.
    Positive,
    /// A finite number ≥ 0.
    NonNegative,
    /// A rate in [0, 1).
    Unit,
    /// `true` or `false` (stored as 1.0 / 0.0).
    Flag,
}

impl Valid {
    /// Whether `v` is accepted.
    pub fn accepts(self, v: f64) -> bool {
        match self {
            Self::Finite => v.is_finite(),
            Self::Positive => v > 0.0 && v.is_finite(),
            Self::NonNegative => v >= 0.0 && v.is_finite(),
            Self::Unit => (0.0..1.0).contains(&v),
            Self::Flag => v == 0.0 || v == 1.0,
        }
    }

    /// The rule in mathematical notation ("in [0, 1)", "> 0"), for the command line's
    /// argument errors, which name the rule rather than explain it.
    pub fn notation(self) -> &'static str {
        match self {
            Self::Finite => "finite",
            Self::Positive => "> 0",
            Self::NonNegative => "≥ 0",
            Self::Unit => "in [0, 1)",
            Self::Flag => "0 or 1",
        }
    }

    /// The id of the problem a value breaking the rule has (worded by the language layer).
    pub fn rule(self) -> &'static str {
        match self {
            Self::Finite => "not-finite",
            Self::Positive => "positive",
            Self::NonNegative => "non-negative",
            Self::Unit => "unit",
            Self::Flag => "not-flag",
        }
    }
}

/// How the app's control moves a field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slider {
    /// A linear rail over [lo, hi].
    Linear(f64, f64),
    /// A logarithmic rail over [lo, hi] (lo > 0).
    Log(f64, f64),
    /// A rail over −log10(1 − β) for rates in [0, 1) that matter near 1.
    OneMinusLog,
    /// A checkbox (for [`Valid::Flag`] fields).
    Checkbox,
    /// A checkbox that switches the field between 0 and the value given, then a
    /// logarithmic rail over [lo, hi] while it is on (weight decay).
    LogOrOff {
        /// The value switching on gives.
        on: f64,
        /// Rail bottom.
        lo: f64,
        /// Rail top.
        hi: f64,
        /// Translation keys of the rail's label and tooltip (the checkbox uses the
        /// field's own).
        rail_keys: [&'static str; 2],
    },
}

/// Where a field shows in scene titles and legends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Never (ε rarely explains a path).
    Never,
    /// Always, as "symbol value".
    Always,
    /// Only when the value is not zero (a flag only when true).
    NonZero,
}

/// Teaching role of a field: converting an optimizer to another kind keeps the fields
/// that share a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// No counterpart in other kinds.
    None,
    /// The first-moment memory: β, μ, β1.
    Memory,
    /// The ε added to a denominator.
    Epsilon,
}

/// One field of an optimizer or a surface.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// The field's name in scenario files.
    pub name: &'static str,
    /// Its mathematical symbol, for titles and sweep labels (β1, λ1, a).
    pub symbol: &'static str,
    /// A unit written after the value in titles ("°"), or "".
    pub unit: &'static str,
    /// The value when a file leaves the field out (flags: 0.0 or 1.0).
    pub default: f64,
    /// The values accepted.
    pub valid: Valid,
    /// The app's control.
    pub slider: Slider,
    /// Translation key of the control's label.
    pub label_key: &'static str,
    /// Translation key of the control's tooltip.
    pub tip_key: &'static str,
    /// Where titles show it.
    pub shown: Shown,
    /// Its role across kinds.
    pub role: Role,
}

impl ParamSpec {
    /// A number field shown in titles, with no role; adjust with the `with_*` methods.
    pub const fn number(
        name: &'static str,
        symbol: &'static str,
        default: f64,
        valid: Valid,
        slider: Slider,
        keys: [&'static str; 2],
    ) -> Self {
        Self {
            name,
            symbol,
            unit: "",
            default,
            valid,
            slider,
            label_key: keys[0],
            tip_key: keys[1],
            shown: Shown::Always,
            role: Role::None,
        }
    }

    /// A true/false field, shown in titles (by its symbol) when true.
    pub const fn flag(
        name: &'static str,
        symbol: &'static str,
        default: bool,
        keys: [&'static str; 2],
    ) -> Self {
        Self {
            name,
            symbol,
            unit: "",
            default: if default { 1.0 } else { 0.0 },
            valid: Valid::Flag,
            slider: Slider::Checkbox,
            label_key: keys[0],
            tip_key: keys[1],
            shown: Shown::NonZero,
            role: Role::None,
        }
    }

    /// With where titles show it.
    pub const fn with_shown(mut self, shown: Shown) -> Self {
        self.shown = shown;
        self
    }

    /// With a role across kinds.
    pub const fn with_role(mut self, role: Role) -> Self {
        self.role = role;
        self
    }

    /// With a unit for titles.
    pub const fn with_unit(mut self, unit: &'static str) -> Self {
        self.unit = unit;
        self
    }
}

/// A field's value as a file holds it: a number or true/false.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParamValue {
    /// A JSON number.
    Num(f64),
    /// A JSON boolean.
    Flag(bool),
}

impl ParamValue {
    /// The value for a field of kind `valid`, or `None` if the JSON type is the wrong one.
    pub fn for_field(self, valid: Valid) -> Option<f64> {
        match (self, valid) {
            (Self::Flag(b), Valid::Flag) => Some(if b { 1.0 } else { 0.0 }),
            (Self::Num(v), v2) if v2 != Valid::Flag => Some(v),
            _ => None,
        }
    }

    /// How a file writes a field of kind `valid` holding `v`.
    pub fn of_field(v: f64, valid: Valid) -> Self {
        if valid == Valid::Flag {
            Self::Flag(v != 0.0)
        } else {
            Self::Num(v)
        }
    }
}

impl std::fmt::Display for ParamValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Num(v) => write!(f, "{v}"),
            Self::Flag(b) => write!(f, "{b}"),
        }
    }
}

impl serde::Serialize for ParamValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Self::Num(v) => s.serialize_f64(v),
            Self::Flag(b) => s.serialize_bool(b),
        }
    }
}

impl<'de> serde::Deserialize<'de> for ParamValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = ParamValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number or true/false")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<ParamValue, E> {
                Ok(ParamValue::Flag(v))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<ParamValue, E> {
                Ok(ParamValue::Num(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ParamValue, E> {
                Ok(ParamValue::Num(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ParamValue, E> {
                Ok(ParamValue::Num(v as f64))
            }
        }
        d.deserialize_any(V)
    }
}

/// The fields of one object that belong to its kind, in file order: `(name, value)`.
pub type RawParams = Vec<(String, ParamValue)>;

/// The values of `specs` read from `raw` (defaults for the missing ones), each checked;
/// errors are `(field name, problem)`. Fields `raw` holds that `specs` does not name are
/// the caller's to reject (it knows the other fields its kind takes).
pub fn read_params(specs: &[ParamSpec], raw: &RawParams) -> Result<Vec<f64>, (String, Problem)> {
    specs
        .iter()
        .map(|spec| {
            let Some((_, given)) = raw.iter().find(|(n, _)| n == spec.name) else {
                return Ok(spec.default);
            };
            let v = given.for_field(spec.valid).ok_or_else(|| {
                let id = if spec.valid == Valid::Flag {
                    "not-flag"
                } else {
                    "not-number"
                };
                (spec.name.to_string(), Problem::new(id).arg("got", given))
            })?;
            if spec.valid.accepts(v) {
                Ok(v)
            } else {
                Err((
                    spec.name.to_string(),
                    Problem::new(spec.valid.rule()).arg("got", v),
                ))
            }
        })
        .collect()
}

/// `values` as a file writes them, in `specs` order.
pub fn write_params(specs: &[ParamSpec], values: &[f64]) -> RawParams {
    specs
        .iter()
        .zip(values)
        .map(|(s, v)| (s.name.to_string(), ParamValue::of_field(*v, s.valid)))
        .collect()
}
