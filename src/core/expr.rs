//! User-typed surfaces: a small expression language in `x` and `y`, differentiated exactly
//! by forward-mode dual numbers.
//!
//! Written here rather than taken from a crate: the expression crates we looked at
//! (meval, exmex, evalexpr) either cannot differentiate, or report parse errors without the
//! position and the offending token, which a student typing into a text box needs. The
//! parsed tree is a flat arena so evaluating it (a million times for a heatmap) allocates
//! nothing.

use std::fmt;

use super::scenario::Problem;

/// A parse error: where it is (0-based character offset) and what was found there, as an
/// id and arguments (the offending token quoted) that the language layer words.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{} at position {}", problem.id, position + 1)]
pub struct ExprError {
    /// 0-based character offset of the offending token.
    pub position: usize,
    /// What went wrong, naming the offending token.
    pub problem: Problem,
}

impl ExprError {
    fn new(position: usize, problem: Problem) -> Self {
        Self { position, problem }
    }

    /// The error as a scenario file's problem: the same id, with the 1-based position.
    pub fn to_problem(&self) -> Problem {
        self.problem.clone().arg("position", self.position + 1)
    }
}

/// A value with its partial derivatives by x and y.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dual {
    /// f
    pub v: f64,
    /// ∂f/∂x
    pub dx: f64,
    /// ∂f/∂y
    pub dy: f64,
}

impl Dual {
    fn constant(v: f64) -> Self {
        Self {
            v,
            dx: 0.0,
            dy: 0.0,
        }
    }
    /// Chain rule for a function of one argument with value `v` and derivative `d`.
    fn chain(self, v: f64, d: f64) -> Self {
        // A zero inner derivative must stay zero even where d is infinite (sqrt at 0).
        let mul = |inner: f64| if inner == 0.0 { 0.0 } else { d * inner };
        Self {
            v,
            dx: mul(self.dx),
            dy: mul(self.dy),
        }
    }
}

/// A value with its first and second partial derivatives by x and y: the hyper-dual
/// numbers of second-order automatic differentiation, carried as the full second-order jet
/// (the mixed ε₁ε₂ part of a hyper-dual number is `dxy`; `dxx` and `dyy` are the same part
/// seeded along one axis twice), so one pass gives the whole Hessian.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HyperDual {
    /// f
    pub v: f64,
    /// ∂f/∂x
    pub dx: f64,
    /// ∂f/∂y
    pub dy: f64,
    /// ∂²f/∂x²
    pub dxx: f64,
    /// ∂²f/∂x∂y
    pub dxy: f64,
    /// ∂²f/∂y²
    pub dyy: f64,
}

impl HyperDual {
    fn constant(v: f64) -> Self {
        Self {
            v,
            dx: 0.0,
            dy: 0.0,
            dxx: 0.0,
            dxy: 0.0,
            dyy: 0.0,
        }
    }

    /// Chain rule for a function of one argument with value `v`, first derivative `d1` and
    /// second derivative `d2`.
    fn chain(self, v: f64, d1: f64, d2: f64) -> Self {
        // A zero inner derivative must stay zero even where d1 or d2 is infinite (sqrt at 0).
        let mul = |d: f64, inner: f64| if inner == 0.0 { 0.0 } else { d * inner };
        Self {
            v,
            dx: mul(d1, self.dx),
            dy: mul(d1, self.dy),
            dxx: mul(d2, self.dx * self.dx) + mul(d1, self.dxx),
            dxy: mul(d2, self.dx * self.dy) + mul(d1, self.dxy),
            dyy: mul(d2, self.dy * self.dy) + mul(d1, self.dyy),
        }
    }

    fn add(self, b: Self) -> Self {
        Self {
            v: self.v + b.v,
            dx: self.dx + b.dx,
            dy: self.dy + b.dy,
            dxx: self.dxx + b.dxx,
            dxy: self.dxy + b.dxy,
            dyy: self.dyy + b.dyy,
        }
    }

    fn scale(self, k: f64) -> Self {
        Self {
            v: k * self.v,
            dx: k * self.dx,
            dy: k * self.dy,
            dxx: k * self.dxx,
            dxy: k * self.dxy,
            dyy: k * self.dyy,
        }
    }

    fn mul(self, b: Self) -> Self {
        let a = self;
        Self {
            v: a.v * b.v,
            dx: a.dx * b.v + a.v * b.dx,
            dy: a.dy * b.v + a.v * b.dy,
            dxx: a.dxx * b.v + 2.0 * a.dx * b.dx + a.v * b.dxx,
            dxy: a.dxy * b.v + a.dx * b.dy + a.dy * b.dx + a.v * b.dxy,
            dyy: a.dyy * b.v + 2.0 * a.dy * b.dy + a.v * b.dyy,
        }
    }

    fn recip(self) -> Self {
        let r = 1.0 / self.v;
        self.chain(r, -r * r, 2.0 * r * r * r)
    }

    /// The Hessian [[fxx, fxy], [fxy, fyy]].
    pub fn hessian(&self) -> [[f64; 2]; 2] {
        [[self.dxx, self.dxy], [self.dxy, self.dyy]]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Func {
    Sin,
    Cos,
    Tan,
    Exp,
    Ln,
    Sqrt,
    Abs,
    Tanh,
}

impl Func {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "sin" => Self::Sin,
            "cos" => Self::Cos,
            "tan" => Self::Tan,
            "exp" => Self::Exp,
            "ln" | "log" => Self::Ln,
            "sqrt" => Self::Sqrt,
            "abs" => Self::Abs,
            "tanh" => Self::Tanh,
            _ => return None,
        })
    }

    fn apply(self, a: Dual) -> Dual {
        let v = a.v;
        match self {
            Self::Sin => a.chain(v.sin(), v.cos()),
            Self::Cos => a.chain(v.cos(), -v.sin()),
            Self::Tan => {
                let c = v.cos();
                a.chain(v.tan(), 1.0 / (c * c))
            }
            Self::Exp => {
                let e = v.exp();
                a.chain(e, e)
            }
            Self::Ln => a.chain(v.ln(), 1.0 / v),
            Self::Sqrt => {
                let s = v.sqrt();
                a.chain(s, 0.5 / s)
            }
            Self::Abs => a.chain(
                v.abs(),
                if v > 0.0 {
                    1.0
                } else if v < 0.0 {
                    -1.0
                } else {
                    0.0
                },
            ),
            Self::Tanh => {
                let t = v.tanh();
                a.chain(t, 1.0 - t * t)
            }
        }
    }
    /// [`Self::apply`] to second order.
    fn apply2(self, a: HyperDual) -> HyperDual {
        let v = a.v;
        match self {
            Self::Sin => a.chain(v.sin(), v.cos(), -v.sin()),
            Self::Cos => a.chain(v.cos(), -v.sin(), -v.cos()),
            Self::Tan => {
                let (t, c) = (v.tan(), v.cos());
                let sec2 = 1.0 / (c * c);
                a.chain(t, sec2, 2.0 * t * sec2)
            }
            Self::Exp => {
                let e = v.exp();
                a.chain(e, e, e)
            }
            Self::Ln => a.chain(v.ln(), 1.0 / v, -1.0 / (v * v)),
            Self::Sqrt => {
                let s = v.sqrt();
                a.chain(s, 0.5 / s, -0.25 / (s * s * s))
            }
            Self::Abs => a.chain(v.abs(), if v == 0.0 { 0.0 } else { v.signum() }, 0.0),
            Self::Tanh => {
                let t = v.tanh();
                a.chain(t, 1.0 - t * t, -2.0 * t * (1.0 - t * t))
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Node {
    Num(f64),
    X,
    Y,
    Neg(usize),
    Add(usize, usize),
    Sub(usize, usize),
    Mul(usize, usize),
    Div(usize, usize),
    Pow(usize, usize),
    Call(Func, usize),
}

/// A parsed expression f(x, y).
#[derive(Debug, Clone)]
pub struct Expr {
    source: String,
    nodes: Vec<Node>,
    root: usize,
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl Expr {
    /// Parses `source`, e.g. `"x^2 + 10*y^2"`.
    pub fn parse(source: &str) -> Result<Self, ExprError> {
        let tokens = tokenize(source)?;
        let mut p = Parser {
            tokens: &tokens,
            pos: 0,
            nodes: Vec::new(),
            heights: Vec::new(),
            depth: 0,
            end: source.chars().count(),
        };
        let root = p.expr()?;
        if let Some(t) = p.peek() {
            return Err(ExprError::new(
                t.pos,
                Problem::new("expr-unexpected").arg("token", &t.text),
            ));
        }
        Ok(Self {
            source: source.to_string(),
            nodes: p.nodes,
            root,
        })
    }

    /// The text the expression was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// f(x, y).
    pub fn value(&self, x: f64, y: f64) -> f64 {
        self.eval_value(self.root, x, y)
    }

    /// f(x, y) with its exact gradient.
    pub fn eval(&self, x: f64, y: f64) -> Dual {
        self.eval_dual(self.root, x, y)
    }

    /// f(x, y) with its exact gradient and Hessian (second-order automatic derivatives).
    pub fn eval2(&self, x: f64, y: f64) -> HyperDual {
        self.eval_hyper(self.root, x, y)
    }

    fn eval_hyper(&self, i: usize, x: f64, y: f64) -> HyperDual {
        let seed = |v: f64, dx: f64, dy: f64| HyperDual {
            dx,
            dy,
            ..HyperDual::constant(v)
        };
        match self.nodes[i] {
            Node::Num(v) => HyperDual::constant(v),
            Node::X => seed(x, 1.0, 0.0),
            Node::Y => seed(y, 0.0, 1.0),
            Node::Neg(a) => self.eval_hyper(a, x, y).scale(-1.0),
            Node::Add(a, b) => self.eval_hyper(a, x, y).add(self.eval_hyper(b, x, y)),
            Node::Sub(a, b) => self
                .eval_hyper(a, x, y)
                .add(self.eval_hyper(b, x, y).scale(-1.0)),
            Node::Mul(a, b) => self.eval_hyper(a, x, y).mul(self.eval_hyper(b, x, y)),
            Node::Div(a, b) => {
                let (a, b) = (self.eval_hyper(a, x, y), self.eval_hyper(b, x, y));
                // The value as the first-order pass computes it, so both agree exactly.
                let v = a.v / b.v;
                HyperDual {
                    v,
                    ..a.mul(b.recip())
                }
            }
            Node::Pow(a, b) => pow_hyper(self.eval_hyper(a, x, y), self.eval_hyper(b, x, y)),
            Node::Call(f, a) => f.apply2(self.eval_hyper(a, x, y)),
        }
    }

    fn eval_value(&self, i: usize, x: f64, y: f64) -> f64 {
        match self.nodes[i] {
            Node::Num(v) => v,
            Node::X => x,
            Node::Y => y,
            Node::Neg(a) => -self.eval_value(a, x, y),
            Node::Add(a, b) => self.eval_value(a, x, y) + self.eval_value(b, x, y),
            Node::Sub(a, b) => self.eval_value(a, x, y) - self.eval_value(b, x, y),
            Node::Mul(a, b) => self.eval_value(a, x, y) * self.eval_value(b, x, y),
            Node::Div(a, b) => self.eval_value(a, x, y) / self.eval_value(b, x, y),
            Node::Pow(a, b) => pow_value(self.eval_value(a, x, y), self.eval_value(b, x, y)),
            Node::Call(f, a) => f.apply(Dual::constant(self.eval_value(a, x, y))).v,
        }
    }

    fn eval_dual(&self, i: usize, x: f64, y: f64) -> Dual {
        match self.nodes[i] {
            Node::Num(v) => Dual::constant(v),
            Node::X => Dual {
                v: x,
                dx: 1.0,
                dy: 0.0,
            },
            Node::Y => Dual {
                v: y,
                dx: 0.0,
                dy: 1.0,
            },
            Node::Neg(a) => {
                let a = self.eval_dual(a, x, y);
                Dual {
                    v: -a.v,
                    dx: -a.dx,
                    dy: -a.dy,
                }
            }
            Node::Add(a, b) => {
                let (a, b) = (self.eval_dual(a, x, y), self.eval_dual(b, x, y));
                Dual {
                    v: a.v + b.v,
                    dx: a.dx + b.dx,
                    dy: a.dy + b.dy,
                }
            }
            Node::Sub(a, b) => {
                let (a, b) = (self.eval_dual(a, x, y), self.eval_dual(b, x, y));
                Dual {
                    v: a.v - b.v,
                    dx: a.dx - b.dx,
                    dy: a.dy - b.dy,
                }
            }
            Node::Mul(a, b) => {
                let (a, b) = (self.eval_dual(a, x, y), self.eval_dual(b, x, y));
                Dual {
                    v: a.v * b.v,
                    dx: a.dx * b.v + a.v * b.dx,
                    dy: a.dy * b.v + a.v * b.dy,
                }
            }
            Node::Div(a, b) => {
                let (a, b) = (self.eval_dual(a, x, y), self.eval_dual(b, x, y));
                let v = a.v / b.v;
                Dual {
                    v,
                    dx: (a.dx - v * b.dx) / b.v,
                    dy: (a.dy - v * b.dy) / b.v,
                }
            }
            Node::Pow(a, b) => pow_dual(self.eval_dual(a, x, y), self.eval_dual(b, x, y)),
            Node::Call(f, a) => f.apply(self.eval_dual(a, x, y)),
        }
    }
}

impl Func {
    /// The torch function computing it.
    fn torch_name(self) -> &'static str {
        match self {
            Self::Sin => "torch.sin",
            Self::Cos => "torch.cos",
            Self::Tan => "torch.tan",
            Self::Exp => "torch.exp",
            Self::Ln => "torch.log",
            Self::Sqrt => "torch.sqrt",
            Self::Abs => "torch.abs",
            Self::Tanh => "torch.tanh",
        }
    }
}

impl Expr {
    /// The expression as Python source over torch tensors named `x` and `y`, for the
    /// PyTorch export. Parts that hold neither x nor y are written as the number this
    /// program computes for them (torch functions refuse plain floats, and Python raises
    /// on `1/0` where f64 gives inf); an expression without x or y still depends on `x`
    /// (times 0) so that autograd has a graph to differentiate.
    pub fn to_python(&self) -> String {
        if !self.depends(self.root) {
            return format!("(x * 0.0 + {})", python_float(self.value(0.0, 0.0)));
        }
        self.python(self.root)
    }

    fn depends(&self, i: usize) -> bool {
        match self.nodes[i] {
            Node::Num(_) => false,
            Node::X | Node::Y => true,
            Node::Neg(a) | Node::Call(_, a) => self.depends(a),
            Node::Add(a, b)
            | Node::Sub(a, b)
            | Node::Mul(a, b)
            | Node::Div(a, b)
            | Node::Pow(a, b) => self.depends(a) || self.depends(b),
        }
    }

    fn python(&self, i: usize) -> String {
        if !self.depends(i) {
            // Parenthesized, so that `x ** -1.0` or `(-2.0) ** x` read as meant.
            return format!("({})", python_float(self.eval_value(i, 0.0, 0.0)));
        }
        let bin =
            |a: usize, op: &str, b: usize| format!("({} {op} {})", self.python(a), self.python(b));
        match self.nodes[i] {
            Node::Num(v) => format!("({})", python_float(v)),
            Node::X => "x".to_string(),
            Node::Y => "y".to_string(),
            Node::Neg(a) => format!("(-{})", self.python(a)),
            Node::Add(a, b) => bin(a, "+", b),
            Node::Sub(a, b) => bin(a, "-", b),
            Node::Mul(a, b) => bin(a, "*", b),
            Node::Div(a, b) => bin(a, "/", b),
            Node::Pow(a, b) => bin(a, "**", b),
            Node::Call(f, a) => format!("{}({})", f.torch_name(), self.python(a)),
        }
    }
}

/// `v` as a Python float literal that reads back to the same f64 (`float('inf')` and
/// `float('nan')` for the values Python has no literal for).
pub fn python_float(v: f64) -> String {
    if v.is_nan() {
        "float('nan')".to_string()
    } else if v.is_infinite() {
        if v > 0.0 {
            "float('inf')"
        } else {
            "-float('inf')"
        }
        .to_string()
    } else {
        format!("{v:?}")
    }
}

fn pow_value(a: f64, b: f64) -> f64 {
    if b.fract() == 0.0 && b.abs() <= i32::MAX as f64 {
        a.powi(b as i32)
    } else {
        a.powf(b)
    }
}

fn pow_dual(a: Dual, b: Dual) -> Dual {
    let v = pow_value(a.v, b.v);
    if b.dx == 0.0 && b.dy == 0.0 {
        // Constant exponent: d(a^b) = b·a^(b−1)·da, which stays defined for a ≤ 0.
        let d = if b.v == 0.0 {
            0.0
        } else {
            b.v * pow_value(a.v, b.v - 1.0)
        };
        return a.chain(v, d);
    }
    // a^b = exp(b·ln a): d = a^b·(db·ln a + b·da/a).
    let ln_a = a.v.ln();
    Dual {
        v,
        dx: v * (b.dx * ln_a + b.v * a.dx / a.v),
        dy: v * (b.dy * ln_a + b.v * a.dy / a.v),
    }
}

fn pow_hyper(a: HyperDual, b: HyperDual) -> HyperDual {
    let v = pow_value(a.v, b.v);
    let constant_exponent =
        b.dx == 0.0 && b.dy == 0.0 && b.dxx == 0.0 && b.dxy == 0.0 && b.dyy == 0.0;
    if constant_exponent {
        // Constant exponent: stays defined for a ≤ 0, like the first-order pass.
        let n = b.v;
        let d1 = if n == 0.0 {
            0.0
        } else {
            n * pow_value(a.v, n - 1.0)
        };
        let d2 = if n == 0.0 || n == 1.0 {
            0.0
        } else {
            n * (n - 1.0) * pow_value(a.v, n - 2.0)
        };
        return a.chain(v, d1, d2);
    }
    // a^b = exp(b·ln a).
    let ln_a = a.chain(a.v.ln(), 1.0 / a.v, -1.0 / (a.v * a.v));
    let e = b.mul(ln_a);
    HyperDual {
        v,
        ..e.chain(v, v, v)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Op(char),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    pos: usize,
    text: String,
}

fn tokenize(source: &str) -> Result<Vec<Token>, ExprError> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            // Exponent part, as in 1e-3 or 2.5E+4.
            if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
                let mut j = i + 1;
                if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
                    j += 1;
                }
                if j < chars.len() && chars[j].is_ascii_digit() {
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                    i = j;
                }
            }
            let text: String = chars[start..i].iter().collect();
            let value: f64 = text.parse().map_err(|_| {
                ExprError::new(start, Problem::new("expr-bad-number").arg("token", &text))
            })?;
            out.push(Token {
                tok: Tok::Num(value),
                pos: start,
                text,
            });
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            out.push(Token {
                tok: Tok::Ident(text.clone()),
                pos: start,
                text,
            });
        } else if "+-*/^()".contains(c) {
            // `**` is Python's power; students bring it from notebooks.
            if c == '*' && chars.get(i + 1) == Some(&'*') {
                out.push(Token {
                    tok: Tok::Op('^'),
                    pos: i,
                    text: "**".into(),
                });
                i += 2;
                continue;
            }
            out.push(Token {
                tok: Tok::Op(c),
                pos: i,
                text: c.to_string(),
            });
            i += 1;
        } else {
            return Err(ExprError::new(
                i,
                Problem::new("expr-unexpected").arg("token", c),
            ));
        }
    }
    Ok(out)
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 200;
/// Trees taller than this are refused: evaluation recurses once per level, and a long chain
/// such as `x+x+…+x` is as tall as it is long although it nests nothing.
const MAX_HEIGHT: u32 = 1000;

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
    nodes: Vec<Node>,
    /// Height of the tree under each node (1 for a leaf), parallel to `nodes`.
    heights: Vec<u32>,
    depth: usize,
    end: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn push(&mut self, n: Node) -> Result<usize, ExprError> {
        let h = |i: usize| self.heights[i];
        let height = 1 + match n {
            Node::Num(_) | Node::X | Node::Y => 0,
            Node::Neg(a) | Node::Call(_, a) => h(a),
            Node::Add(a, b)
            | Node::Sub(a, b)
            | Node::Mul(a, b)
            | Node::Div(a, b)
            | Node::Pow(a, b) => h(a).max(h(b)),
        };
        if height > MAX_HEIGHT {
            // The last token read ends the operation that went one level too far.
            let position = self
                .pos
                .checked_sub(1)
                .map_or(self.end, |i| self.tokens[i].pos);
            return Err(ExprError::new(
                position,
                Problem::new("expr-too-long").arg("max", MAX_HEIGHT),
            ));
        }
        self.nodes.push(n);
        self.heights.push(height);
        Ok(self.nodes.len() - 1)
    }

    fn eat_op(&mut self, op: char) -> bool {
        if matches!(self.peek(), Some(Token { tok: Tok::Op(c), .. }) if *c == op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let position = self.peek().map_or(self.end, |t| t.pos);
            return Err(ExprError::new(
                position,
                Problem::new("expr-too-deep").arg("max", MAX_DEPTH),
            ));
        }
        Ok(())
    }

    fn expr(&mut self) -> Result<usize, ExprError> {
        self.enter()?;
        let mut lhs = self.term()?;
        loop {
            if self.eat_op('+') {
                let rhs = self.term()?;
                lhs = self.push(Node::Add(lhs, rhs))?;
            } else if self.eat_op('-') {
                let rhs = self.term()?;
                lhs = self.push(Node::Sub(lhs, rhs))?;
            } else {
                break;
            }
        }
        self.depth -= 1;
        Ok(lhs)
    }

    fn term(&mut self) -> Result<usize, ExprError> {
        let mut lhs = self.unary()?;
        loop {
            if self.eat_op('*') {
                let rhs = self.unary()?;
                lhs = self.push(Node::Mul(lhs, rhs))?;
            } else if self.eat_op('/') {
                let rhs = self.unary()?;
                lhs = self.push(Node::Div(lhs, rhs))?;
            } else {
                break;
            }
        }
        Ok(lhs)
    }

    /// Unary minus binds looser than `^`, so `-x^2` is `-(x^2)` as in mathematics.
    fn unary(&mut self) -> Result<usize, ExprError> {
        self.enter()?;
        let node = if self.eat_op('-') {
            let a = self.unary()?;
            self.push(Node::Neg(a))?
        } else if self.eat_op('+') {
            self.unary()?
        } else {
            self.power()?
        };
        self.depth -= 1;
        Ok(node)
    }

    fn power(&mut self) -> Result<usize, ExprError> {
        let base = self.primary()?;
        if self.eat_op('^') {
            // Right-associative: 2^3^2 = 2^(3^2); the exponent may carry a sign (x^-1).
            let exp = self.unary()?;
            return self.push(Node::Pow(base, exp));
        }
        Ok(base)
    }

    fn primary(&mut self) -> Result<usize, ExprError> {
        let Some(t) = self.peek().cloned() else {
            return Err(ExprError::new(self.end, Problem::new("expr-ends-early")));
        };
        self.pos += 1;
        match t.tok {
            Tok::Num(v) => self.push(Node::Num(v)),
            Tok::Op('(') => {
                let inner = self.expr()?;
                if !self.eat_op(')') {
                    return Err(self.expected_close());
                }
                Ok(inner)
            }
            Tok::Op(c) => Err(ExprError::new(
                t.pos,
                Problem::new("expr-unexpected").arg("token", c),
            )),
            Tok::Ident(name) => {
                if let Some(f) = Func::from_name(&name) {
                    if !self.eat_op('(') {
                        return Err(self.expected_call(&name));
                    }
                    let arg = self.expr()?;
                    if !self.eat_op(')') {
                        return Err(self.expected_close());
                    }
                    return self.push(Node::Call(f, arg));
                }
                match name.as_str() {
                    "x" => self.push(Node::X),
                    "y" => self.push(Node::Y),
                    "pi" => self.push(Node::Num(std::f64::consts::PI)),
                    "e" => self.push(Node::Num(std::f64::consts::E)),
                    _ => Err(ExprError::new(
                        t.pos,
                        Problem::new("expr-unknown-name").arg("name", &name),
                    )),
                }
            }
        }
    }

    /// ')' was expected at the next token (or the text ended).
    fn expected_close(&self) -> ExprError {
        match self.peek() {
            Some(t) => ExprError::new(
                t.pos,
                Problem::new("expr-expected-close").arg("token", &t.text),
            ),
            None => ExprError::new(self.end, Problem::new("expr-expected-close-end")),
        }
    }

    /// '(' was expected after the function `name` (or the text ended).
    fn expected_call(&self, name: &str) -> ExprError {
        match self.peek() {
            Some(t) => ExprError::new(
                t.pos,
                Problem::new("expr-expected-call")
                    .arg("name", name)
                    .arg("token", &t.text),
            ),
            None => ExprError::new(
                self.end,
                Problem::new("expr-expected-call-end").arg("name", name),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_unary_minus() {
        let e = Expr::parse("-x^2 + 2^3^2 - -y*3/4").unwrap();
        assert_eq!(e.value(3.0, 4.0), -9.0 + 512.0 + 3.0);
        assert_eq!(Expr::parse("x**2").unwrap().value(3.0, 0.0), 9.0);
        assert_eq!(
            Expr::parse("1.5e1 + pi - e").unwrap().value(0.0, 0.0),
            15.0 + std::f64::consts::PI - std::f64::consts::E
        );
    }

    #[test]
    fn gradient_of_functions() {
        let e = Expr::parse("sin(x)*exp(y) + ln(x) + sqrt(y) + abs(x-5) + tanh(y) + tan(x) + x^y")
            .unwrap();
        let (x, y) = (1.3, 0.7);
        let d = e.eval(x, y);
        let dx =
            x.cos() * y.exp() + 1.0 / x - 1.0 + 1.0 / (x.cos() * x.cos()) + y * x.powf(y - 1.0);
        let dy = x.sin() * y.exp() + 0.5 / y.sqrt() + 1.0 - y.tanh().powi(2) + x.powf(y) * x.ln();
        assert!((d.dx - dx).abs() < 1e-12, "{} vs {dx}", d.dx);
        assert!((d.dy - dy).abs() < 1e-12, "{} vs {dy}", d.dy);
    }

    #[test]
    fn hyper_dual_hessian_by_hand() {
        // f = x²y³ + sin(x·y): fxx = 2y³ − y²·sin(xy), fxy = 6xy² + cos(xy) − xy·sin(xy),
        // fyy = 6x²y − x²·sin(xy).
        let e = Expr::parse("x^2*y^3 + sin(x*y)").unwrap();
        let (x, y) = (0.8, -1.3);
        let h = e.eval2(x, y);
        let s = (x * y).sin();
        let want = [
            2.0 * y.powi(3) - y * y * s,
            6.0 * x * y * y + (x * y).cos() - x * y * s,
            6.0 * x * x * y - x * x * s,
        ];
        for (got, want) in [h.dxx, h.dxy, h.dyy].into_iter().zip(want) {
            assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
        // Value and gradient agree with the first-order pass.
        let d = e.eval(x, y);
        assert_eq!((h.v, h.dx, h.dy), (d.v, d.dx, d.dy));
    }

    #[test]
    fn errors_name_position_and_token() {
        let err = Expr::parse("x^2 + z").unwrap_err();
        assert_eq!(err.position, 6);
        assert_eq!(err.problem.id, "expr-unknown-name");
        assert_eq!(err.problem.get("name"), Some("z"));
        let err = Expr::parse("x + * y").unwrap_err();
        assert_eq!(err.position, 4);
        assert_eq!(err.problem.get("token"), Some("*"));
        assert_eq!(err.to_problem().get("position"), Some("5"));
        assert_eq!(
            Expr::parse("(x + y").unwrap_err().problem.id,
            "expr-expected-close-end"
        );
        assert!(Expr::parse("").is_err());
        assert_eq!(
            Expr::parse("x $ y").unwrap_err().problem.get("token"),
            Some("$")
        );
        assert!(Expr::parse("sin x").is_err());
        let deep = "(".repeat(10_000) + "x" + &")".repeat(10_000);
        assert_eq!(Expr::parse(&deep).unwrap_err().problem.id, "expr-too-deep");
    }

    /// Found by fuzzing (fuzz/fuzz_targets/expr.rs): a long flat chain nests nothing, so the
    /// nesting limit let it through, and evaluating it recursed once per term and overflowed
    /// the stack.
    #[test]
    fn long_chains_are_refused_not_overflowing_the_stack() {
        for op in ["+", "-", "*", "/"] {
            let long = vec!["x"; 200_000].join(op);
            let err = Expr::parse(&long).unwrap_err();
            assert_eq!(err.problem.id, "expr-too-long", "{op}: {err}");
        }
        // `^` is right-associative: its chains nest, and the nesting limit refuses them.
        assert!(Expr::parse(&vec!["x"; 200_000].join("^")).is_err());
        // Chains that fit are evaluated, on a thread with a small stack as in the app.
        let ok = vec!["x"; MAX_HEIGHT as usize].join("+");
        let e = Expr::parse(&ok).unwrap();
        let d = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(move || e.eval(1.0, 2.0))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(
            (d.v, d.dx, d.dy),
            (MAX_HEIGHT as f64, MAX_HEIGHT as f64, 0.0)
        );
        // Nesting and chaining add up.
        let mixed = format!("({})*x", vec!["x"; MAX_HEIGHT as usize].join("+"));
        assert_eq!(Expr::parse(&mixed).unwrap_err().problem.id, "expr-too-long");
    }

    #[test]
    fn sqrt_at_zero_of_constant_part_has_finite_gradient() {
        let d = Expr::parse("sqrt(0) + x").unwrap().eval(1.0, 1.0);
        assert_eq!((d.dx, d.dy), (1.0, 0.0));
    }
}
