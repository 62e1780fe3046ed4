# Gradscape's user interface in English (the default, and the fallback for any key
# missing from another language). Every key here must also be in es.ftl: a unit test
# checks. Slider labels double as the names tests and screen readers find widgets by.

## Menus

menu-file = File
menu-new = New
menu-open = Open…
menu-save = Save
menu-save-as = Save as…
menu-copy-link = Copy link
menu-copy-link-tip = A link to the web version that opens exactly this scenario: send it to a class
msg-link-copied = Link copied: { $link }
msg-link-bad = Could not read the scenario in the link; showing the default one. { $error }
web-open-failed = { $name }: { $error }
web-log-folder = the browser cannot read a folder: for an MLflow run, choose or drop the files inside its metrics folder (mlruns/<experiment>/<run>/metrics/) together; for TensorBoard, one events.out.tfevents file
web-open-log-tip = In the browser: for an MLflow run, select every file in its metrics folder (mlruns/<experiment>/<run>/metrics/) at once; for TensorBoard, one events.out.tfevents file.
web-files = { $n } files ({ $first }, …)
menu-export-png = Export PNG…
menu-export-png-tip = The whole figure (title, axes, colour bar, legend) at the playhead, drawn like `gradscape render`, at a size you choose (1920 × 1080 by default)
menu-recent = Recent files
menu-recent-none = none yet
menu-presets = Presets
menu-lessons = Lessons
menu-lessons-tip = Guided lessons: each loads a scenario and says which slider to move and what to look for
menu-view = View
menu-reset-view = Reset view
menu-contours = Contour lines
menu-untitled = untitled scenario
menu-language = Language
menu-language-tip = The language of every label, tooltip, lesson and diagnosis
menu-theme = Theme
theme-light = Light
theme-dark = Dark
theme-tip = Light reads best on most projectors; dark suits a dim room or a laptop
menu-projector = Projector mode
menu-projector-tip = Larger text, pure black-and-white high-contrast colours and thicker lines: readable from the back of a room
menu-ui-scale = UI scale
menu-ui-scale-tip = Makes the whole window bigger or smaller; projector mode enlarges it further
notice-preset = Preset { $name }: { $description }
dialog-png = PNG image
dialog-scenario = Gradscape scenario

## Messages

msg-error = Error: { $error }
msg-warning = Warning: { $warning }
msg-dismiss = Dismiss
msg-dismiss-tip = Hide this message
msg-exported = Exported { $path }
msg-export-failed = Could not export { $path }: { $error }
msg-view-empty = the view is empty
msg-opened = Opened { $path }
msg-open-failed = Could not open the file: { $error }
msg-saved = Saved { $path }
msg-save-failed = Could not save { $path }: { $error }
menu-export-gif = Export GIF…
menu-export-gif-tip = The trajectories as an animated GIF, drawn like `gradscape render`, at the size and frame count you choose
menu-export-csv = Export trajectories (CSV)…
menu-export-csv-tip = Every run, one row per step: run, t, x, y, loss, lr, grad_norm, val_loss — as `gradscape run --format csv`
menu-export-json = Export trajectories (JSON)…
menu-export-json-tip = Every run with its points, losses, rates, evaluations and diagnosis — as `gradscape run`
msg-invalid = Invalid setting: { $error }
msg-unknown-preset = unknown preset '{ $name }'
optimizer-copy = { $label } copy

## Side panel sections

section-surface = Surface
section-optimizers = Optimizers
section-run = Run
section-schedule = Schedule (all optimizers)
section-early-stopping = Early stopping

## Surface

surface = Surface
surface-quadratic = A bowl (ellipse): λ1 and λ2 set the curvature along each axis
surface-rosenbrock = A curved, flat-bottomed banana valley: easy to find, slow to follow
surface-beale = Sharp ridges around a minimum at (3, 0.5)
surface-himmelblau = Four minima of equal depth: the start decides which one you reach
surface-rastrigin = A bowl covered in dimples: many local minima
surface-ackley = A nearly flat plate with one deep hole at the origin
surface-saddle = Minima at (0, ±1) and a saddle point at the origin
surface-styblinski_tang = Four basins of different depth: the deepest at x = y ≈ −2.90, the start decides which one you reach
surface-booth = A long tilted bowl with its minimum at (1, 3): curvatures 18 and 2 make plain steps zigzag
surface-linreg = Fitting a line y = w·x + b to points: θ = (w, b)
surface-custom = Your own f(x, y)
quad-lambda1 = λ1 (curvature u)
quad-lambda1-tip = Curvature along the first axis. Rule of thumb: plain SGD is stable only for α < 2/λ; the steepest axis sets the largest usable α.
quad-lambda2 = λ2 (curvature v)
quad-lambda2-tip = Curvature along the second axis. λ2/λ1 is the condition number: the larger it is, the narrower the ravine and the more plain SGD zigzags. Above ~10, try momentum or Adam.
quad-angle = angle (°)
quad-angle-tip = Rotates the bowl. Per-axis methods (RMSProp, Adam) help most when the axes line up with x and y (angle 0); rotated, their advantage fades.
rosen-a = a
rosen-a-tip = The minimum is at (a, a²). Moving a moves the target, not the difficulty.
rosen-b = b (valley steepness)
rosen-b-tip = How steep the valley walls are; 100 is the classic banana. Larger b = narrower valley, smaller usable α.
rastrigin-a = a (ripple height)
rastrigin-a-tip = Height of the dimples. 0 is a plain bowl; 10 is the classic. Higher ripples trap gradient steps in the nearest dimple.
batch-size = batch size
batch-size-tip = Points per gradient step. Smaller batches give noisier steps; rule of thumb: halving the batch calls for a smaller α.
linreg-n-train = training points
linreg-n-train-tip = How many points the line is fitted to. More points: a smoother loss surface.
linreg-n-val = validation points
linreg-n-val-tip = Held-out points for the validation loss: what early stopping and the plateau schedule watch.
linreg-w = true slope w
linreg-w-tip = The slope the data is drawn from: where the minimum should be along w.
linreg-b = true bias b
linreg-b-tip = The intercept the data is drawn from: where the minimum should be along b.
linreg-noise = data noise
linreg-noise-tip = Spread of the points around the true line. More noise: a higher best loss and noisier minibatch gradients.
expr-tip = Any expression in x and y: + − * / ^ ( ), sin cos tan exp ln log sqrt abs tanh, pi, e. Example: x^2 + 10*y^2
expr-ok = OK: the expression parses
surface-no-params = This surface has no parameters.

## Run

start = start θ0
start-tip = Where every optimizer starts. You can also drag the white ring on the landscape. Start far from the minimum to see the whole journey.
steps = steps
steps-tip = How many updates each optimizer makes. Use the timeline to replay them.
seed = seed
seed-tip = Seed of the gradient noise (and of the linreg data). Same seed, same noise: every optimizer sees the same noise, so the comparison is fair.
eval-every = eval every (steps)
eval-every-tip = How often the validation loss is measured; early stopping and the plateau schedule count these evaluations.
grad-noise = gradient noise
grad-noise-tip = Adds random noise to every gradient, like minibatch training does.
noise-sigma = noise σ
noise-sigma-tip = Standard deviation of the noise added to each gradient component. Big σ: SGD jitters; momentum and adaptive methods average it out. Rule of thumb: more noise calls for a smaller α or a decaying schedule.
grad-clip = clip gradient norm
grad-clip-tip = Rescales any gradient longer than c down to length c: a guard against explosions.
clip-c = clip c (max |g|)
clip-c-tip = The largest gradient length let through. Typical 1–10; too small and every step has the same length, like sign descent.
val-shift = validation shift
val-shift-tip = Moves the validation optimum away from the training optimum, so a run can overfit: train loss keeps falling while validation loss turns up.

## Early stopping

early-stopping = early stopping
early-stopping-tip = Stops a run when the validation loss has not improved for `patience` evaluations, and (with restore best) goes back to the best point seen.
es-patience = patience (evals)
es-patience-tip = Evaluations without improvement before the run stops. Typical 5–20; too small stops on a noisy wobble, too large wastes steps.
es-min-delta = min Δ
es-min-delta-tip = How much lower than the best a validation loss must be to count as an improvement. 0 counts any improvement; raise it when validation is noisy.
es-restore = restore best
es-restore-tip = End the run at the best point seen rather than the last.

## Optimizers

opt-sgd = Plain gradient descent: step straight downhill.
opt-momentum = Keeps a running average of gradients (velocity): glides through ravines.
opt-heavy_ball = PyTorch's SGD with momentum (optionally Nesterov's look-ahead).
opt-rmsprop = Divides each axis's step by the recent size of its gradients.
opt-adam = Momentum plus RMSProp's per-axis scaling, with bias correction.
opt-adamw = Adam plus weight decay that pulls θ toward the origin.
opt-adagrad = Divides by all past squared gradients: steps shrink over time.
opt-sgd-name = SGD
opt-momentum-name = Momentum
opt-heavy_ball-name = Heavy ball (PyTorch SGD with momentum)
opt-rmsprop-name = RMSProp
opt-adam-name = Adam
opt-adamw-name = AdamW
opt-adagrad-name = AdaGrad
opt-adamax = Adam with the largest recent gradient instead of the average square: steps never exceed α.
opt-adamax-name = Adamax
opt-lion = Steps by the sign of a momentum mix: every axis moves by the same α, whatever the gradient's size.
opt-lion-name = Lion
opt-show-tip = Show { $label } on the landscape and in the plots
opt-select-tip = Click to edit this optimizer
opt-add = Add
opt-add-tip = Add an optimizer with its textbook defaults
opt-duplicate = Duplicate
opt-duplicate-tip = Copy the selected optimizer, to compare one setting side by side
opt-remove = Remove
opt-remove-tip = Remove the selected optimizer
opt-remove-disabled = A scenario needs at least one optimizer
opt-kind = Kind
opt-label = Label
opt-label-tip = The name in the legend; empty means the kind's name
opt-colour = Colour
opt-colour-tip = The colour of this optimizer's path and curves
lr = lr α
lr-tip = α, the learning rate: how far each step goes along the (scaled) gradient. Too high: the loss jumps up and down or explodes. Too low: it barely moves. Rule of thumb: SGD ~0.01–0.1, Adam ~1e-3; change it by ×3 or ×10, not by small amounts. The slider is logarithmic: each tenth of the rail is ×10. Type a value to set it exactly.
beta = β (momentum)
beta-tip = β typical 0.9; higher = more inertia, smoother but slower to react, can overshoot with a large α. The effective step grows toward α/(1−β). The rail is stretched near 1: 0.9, 0.99 and 0.999 are evenly spaced.
mu = μ (momentum)
mu-tip = μ typical 0.9; the velocity keeps μ of itself each step, so the effective step grows toward α/(1−μ): higher = more inertia, can overshoot.
nesterov = Nesterov
nesterov-tip = Look ahead along the velocity before using the gradient: damps overshoot. Usually a free improvement with μ ≥ 0.9.
rho = ρ (g² memory)
rho-tip = ρ typical 0.9: how long the running average of g² remembers. Higher = steadier per-axis step sizes, slower to adapt when the slope changes.
eps = ε
eps-tip = ε typical 1e-8; it keeps the division by √v safe when v is tiny. Too large (e.g. 0.1) weakens the adaptive step: the method acts like momentum/SGD.
beta1 = β1 (momentum)
beta1-tip = β1 typical 0.9: the momentum of the gradient average m. Higher = smoother, more inertia, can overshoot with a large α.
beta2 = β2 (g² memory)
beta2-tip = β2 typical 0.999: the memory of the squared-gradient average v. Lower (0.99) adapts faster but is noisier; bias correction keeps the first steps sane.
lion-beta1-tip = How much of the momentum the step's sign sees: sign(β1·m + (1−β1)·g). Lion's default is 0.9.
lion-beta2-tip = How slowly the momentum forgets: m := β2·m + (1−β2)·g after each step. Lion's default is 0.99.
weight-decay = weight decay
weight-decay-tip = Decoupled weight decay (AdamW): shrinks θ toward the origin every step.
wd-lambda = λ (weight decay)
wd-lambda-tip = λ typical 0.01: each step shrinks θ by α·λ toward the origin, whatever the gradient says. It moves the minimum reached toward (0, 0).
own-schedule = own LR schedule
own-schedule-tip = Use a schedule of its own instead of the scenario's

## Schedule

schedule = LR schedule
sched-constant = The same rate every step.
sched-step = Multiplies the rate by γ at each milestone step.
sched-exponential = Multiplies the rate by γ every step: a smooth, steady decay.
sched-cosine = Glides from lr down to lr_min along half a cosine, reaching it at step T.
sched-plateau = Cuts the rate by `factor` when the validation loss stops improving for `patience` evaluations.
warmup = warmup (steps)
warmup-tip = The rate ramps up linearly from 0 over these first steps: big early steps on a fresh optimizer (Adam's v is still tiny) can throw it far away. Typical: 1–10 % of the run.
gamma-milestone = γ (factor per milestone)
gamma-milestone-tip = The rate is multiplied by γ at each milestone; 0.1 divides it by ten (the classic choice).
gamma-step = γ (factor per step)
gamma-step-tip = The rate is multiplied by γ every step. 0.99 halves it in about 70 steps, 0.999 in about 700.
cosine-t = T (steps)
cosine-t-tip = The step where the cosine reaches lr_min; usually the run's length.
lr-min = lr_min
cosine-lr-min-tip = The floor the rate glides down to; typical 0 to α/100.
plateau-factor = factor
plateau-factor-tip = Each cut multiplies the rate by this; 0.1 divides it by ten, 0.5 halves it (gentler).
plateau-patience = patience (evals)
plateau-patience-tip = Evaluations without improvement before the rate is cut. Noisy validation needs more patience.
plateau-min-delta = min Δ
plateau-min-delta-tip = How much lower than the best counts as improving.
plateau-cooldown = cooldown (evals)
plateau-cooldown-tip = Evaluations after a cut during which waiting does not count: gives the new rate time to act.
plateau-lr-min-tip = The rate is never cut below this.
milestones = milestones
milestones-tip = Steps where the rate drops, separated by commas, e.g. 100, 200.
preview = lr against step, base lr { $lr }
preview-plateau-note = (cuts happen when validation stalls: see the loss panel)

## Playback

play = Play
pause = Pause
play-tip = Play or pause the animation (Space)
step = Step
step-tip = One step forward (Right arrow); Left arrow goes one back
reset = Reset
reset-tip = Back to step 0 (R)
speed = steps/s
speed-tip = Playback speed, in optimizer steps per second. Slow it down (10–30) to follow single steps in class.
timeline = / { $end } steps
timeline-tip = The timeline: drag to show the runs up to any step
reset-view = Reset view
reset-view-tip = Back to the scenario's region of the plane (or double-click the landscape)
show-menu = Show…
show-menu-tip = Reset the view; contours, legends, 3-D, arrows and the previous path on or off (they fold into this menu when the window is narrow)
contours = contours
contours-tip = Lines of equal loss: an optimizer's step is perpendicular to them, so they show where a gradient step points.

## Status bar

status-running = running
status-line = loss { $loss } · step { $step } / { $steps } ·
status-line-tip = The loss at the playhead and the step shown; at the end, the final loss (at the restored best point when early stopping restored it)
status-converged = converged
status-diverged = diverged
status-stopped-early = stopped early
status-finished = finished

## Landscape

landscape-help = Scroll to zoom, drag to pan, drag the white ring to move the start, double-click to reset the view
landscape-hover = { $label }, step { $step }: θ = ({ $x }, { $y }), loss { $loss }
landscape-pointer = x = { $x }, y = { $y }: loss { $loss }

## Loss panel

plot-loss = Loss
plot-loss-log = Loss (log)
plot-lr = Learning rate α
plot-grad = Gradient norm |g| (log)
plot-loss-tip = Training loss as lines, validation loss at each evaluation as dots. Reading it: a straight drop on the log axis is steady progress; a flat start means α too low; spikes mean α too high; validation rising while training falls means overfitting.
plot-lr-tip = The learning rate each step used, after warmup and schedule
plot-grad-tip = Length of the gradient each step used (after noise and clipping). Near a minimum it shrinks; if it grows, the run is unstable.
plot-log = log
plot-log-tip = Plot the loss on a log axis: a straight line down means the loss shrinks by the same factor every step, and the last decimals become visible.
plot-step = step
plot-hover = step { $step }

## Diagnosis

diagnosis = Diagnosis
diagnosis-updating = Diagnosis (updating…)
runs-updating = Updating…
runs-updating-tip = A long run is being computed; the views show the previous runs until it is done
diagnosis-tip = Reads each run's curves like a teacher would; hover a finding for the numbers and what to try.
diagnosis-detail = { $summary }

    What it shows: { $evidence }

    Try: { $action }
diag-healthy-summary = The curves look healthy: nothing to change.
diag-summary = { $names }: { $action }.
diag-and = and
diag-lr_too_high-title = LR too high
diag-lr_too_high-action = lower lr ×0.1, add warmup, check eps, clip gradients
diag-lr_too_low-title = LR too low
diag-lr_too_low-action = raise lr ×2–3, or warm up to a higher target lr
diag-lr_too_low-action-capped = raise lr at most ×{ $factor } (beyond that lr·λmax passes 2 and plain gradient descent diverges), or add momentum or a schedule
diag-lr_too_low-action-edge = do not raise lr: lr·λmax is already at the edge of 2; add momentum, or a schedule that decays the rate
diag-overfitting-title = Overfitting
diag-overfitting-action = early stopping, regularization, lower lr on plateau
diag-scheduler_helping-title = Schedule is helping
diag-scheduler_helping-action = keep it; consider more reductions or a lower lr_min
diag-val_noisy-title = Noisy validation
diag-val_noisy-action = larger batch, lower lr, weight averaging (EMA), more patience
diag-healthy-title = Healthy
diag-healthy-action = —
diag-insufficient_data-title = Not enough data
diag-insufficient_data-action = log more steps or evaluations, then diagnose again
diag-not_finite_at_start-title = Not finite at the start
diag-not_finite_at_start-action = move the start point or change the function: it is not defined there
diagnosis-thresholds = Thresholds behind this verdict:

## Diagnosis evidence: one sentence per kind, filled with the finding's facts

ev-lr_too_high-diverged = the run diverged at step { $diverged_step }; its last finite loss was { $last } at step { $last_step }
ev-lr_too_high-diverged_at_start = the run diverged at step { $diverged_step }
ev-lr_too_high-never_finite = train loss is { $value } from step { $bad_step }, never finite
ev-lr_too_high-nonfinite = train loss was { $last } at step { $last_step }, then { $value } at step { $bad_step } ({ $count } non-finite values in all)
ev-lr_too_high-nonfinite_after_rise = train loss rose ×{ $factor } within { $within_count } steps to { $last } at step { $last_step }, then { $value } at step { $bad_step } ({ $count } non-finite values in all)
ev-lr_too_high-grew = train loss grew by orders of magnitude: ×{ $factor }, from { $low } at step { $low_step } to { $high } at step { $high_step }
ev-lr_too_high-rebound = train loss climbed back { $change }, from about { $low } near step { $low_step } to about { $high } near step { $high_step } (last: { $last })
ev-lr_too_high-oscillation = train loss reversed direction violently { $count } times in { $steps_count } steps (largest: { $a } -> { $b } -> { $c } at steps { $from_step }–{ $to_step })
ev-lr_too_high-unstable = lr·λmax = { $lr_lambda_product } ≥ 2 (lr { $lr }, sharpest curvature λmax { $lambda_max }): along the steepest direction every step overshoots at least as far as it corrects, so gradient descent bounces or grows however flat the loss looks
ev-lr_too_low-flat = train loss barely moved: { $first } -> { $last } ({ $fraction_share } lower) over { $steps_count } steps ({ $from_step } -> { $to_step })
ev-lr_too_low-slow = train loss fell only { $fraction_share } ({ $first } -> { $last }) over { $steps_count } steps, at a steady pace: { $late_share } of the drop came in the second half
ev-lr_too_low-steady = train loss fell from { $first } to { $last } over { $steps_count } steps without slowing down: { $late_share } of the drop came in the second half
ev-overfitting-val_rose = validation loss bottomed at { $low } (step { $low_step }) and rose { $change } to { $last } by step { $last_step }, while train loss fell { $train_then } -> { $train_end }
ev-scheduler_helping-cut_val = after the lr cut at step { $cut_step } ({ $lr_before } -> { $lr_after }), validation loss fell from { $before } (steps { $before_from_step }–{ $before_to_step }) to { $after } (steps { $after_from_step }–{ $after_to_step }), more than its trend predicted (cuts followed by such a drop: { $helped_count } of { $cuts_count })
ev-scheduler_helping-cut_train = after the lr cut at step { $cut_step } ({ $lr_before } -> { $lr_after }), train loss fell from { $before } (steps { $before_from_step }–{ $before_to_step }) to { $after } (steps { $after_from_step }–{ $after_to_step }), more than its trend predicted (cuts followed by such a drop: { $helped_count } of { $cuts_count })
ev-val_noisy-swings = validation loss reversed direction { $count } times in { $evals_count } evaluations by ±{ $size_share } on average (largest: { $a } -> { $b } -> { $c } at steps { $from_step }–{ $to_step }), while train loss is much smoother
ev-val_noisy-swings_lin = validation loss reversed direction { $count } times in { $evals_count } evaluations by ±{ $size } ({ $size_share } of its range) on average (largest: { $a } -> { $b } -> { $c } at steps { $from_step }–{ $to_step }), while train loss is much smoother
ev-insufficient_data-few = not enough data: { $train_count } training and { $val_count } validation values (at least { $needed_count } are needed)
ev-not_finite_at_start-nan = the function is not finite at the start point (NaN there): no step can be judged
ev-not_finite_at_start-inf = the function is not finite at the start point ({ $value } there): no step can be judged
ev-healthy-train_only = train loss { $dir ->
    [down] fell
   *[up] went
} { $first } -> { $last } over { $steps_count } steps; no validation loss
ev-healthy-train_val = train loss { $dir ->
    [down] fell
   *[up] went
} { $first } -> { $last } over { $steps_count } steps; validation lowest at { $val_low } (step { $val_low_step }), last { $val_last }; no lasting rise
ev-healthy-val_only = no training loss; validation lowest at { $val_low } (step { $val_low_step }), last { $val_last }; no lasting rise

## Diagnosis thresholds (hover)

thr-line = { $name } { $value }: { $reason }
thr-rebound = a loss that a working rate drives down does not climb back this far above an earlier low
thr-rebound_share = the climb must also be this share of the loss's whole range, so that the wobble of a loss near its floor is not read as a climb
thr-flat = a training loss that fell less than this over the whole run learnt almost nothing
thr-slow = a loss that fell less than this, as fast late as early, is too slow: a good rate gets most of the drop early
thr-overfit_rise = a smaller rise of validation above its low is within what a finished run wobbles
thr-overfit_noise = the rise must be this many times validation's typical swing, so that noise is not read as a trend
thr-cut_gain = less than this below its trend after an lr cut, the cut may have done nothing
thr-val_noise = the mean swing between evaluations above which they no longer agree with each other

thr-val_swings = how many swings of ±10 % or more it takes: one or two can be a single bad evaluation
thr-val_train_ratio = training's own swings may be at most this fraction of validation's, so that a run whose every curve swings is not blamed on its validation

## Training logs

menu-open-log = Open training log…
menu-open-log-tip = A training log (Keras CSVLogger, Lightning metrics.csv, Hugging Face trainer_state.json, TensorBoard events, W&B CSV export, MLflow metrics): its curves and their diagnosis in the loss panel. You can also drop the file on the window.
msg-log-opened = Opened training log { $path }
log-panel-title = Training log: { $name } ({ $format })
log-close = Close log
log-close-tip = Back to the optimizers' curves
log-train = train
log-val = validation
log-try = Try: { $action }

diag-note = note:
diag-evidence = evidence:
diag-try = try:

log-role-train = training loss
log-role-val = validation loss
log-role-lr = learning rate
log-choice = { $role } read from '{ $used }' ({ $used_count } values), not '{ $other }' ({ $other_count } values)

## Presets (the Presets menu's tooltips)

preset-ravine-momentum = Ravine: plain SGD zigzags across the narrow valley, momentum glides along it
preset-rosenbrock = Rosenbrock's banana valley with momentum, RMSProp and Adam under warmup + cosine
preset-noisy-quadratic = Noisy gradients: SGD jitters around the bowl while RMSProp and Adam stay steady
preset-per-parameter-scales = Different scales per parameter (λ1 = 1, λ2 = 100): RMSProp and Adam even out the step per axis
preset-saddle-escape = Saddle point: starting almost on the ridge, SGD lingers while momentum (same effective rate) and Adam escape
preset-warmup-cosine = Warmup + cosine: on a bowl with steep walls the same peak rate diverges without warmup and converges with it
preset-step-decay = Step decay on a noisy bowl: cutting the rate ×0.1 at steps 100 and 200 settles the jitter
preset-plateau-early-stopping = Plateau + early stopping on a line fit whose validation set disagrees with training
preset-lr-too-high = LR too high: SGD at lr = 0.12 on a bowl with λ = 20 (stable only below 2/λ = 0.1) blows up
preset-lr-too-low = LR too low: SGD at lr = 2e-5 barely moves; the loss curve is almost flat
preset-himmelblau-minima = Himmelblau's four minima: where you start decides where you end
preset-rastrigin-local-minima = Rastrigin: a bowl covered in dimples; gradient steps, with or without momentum, stop in the nearest one
preset-reading-loss-curves = Reading a loss curve: three SGD runs that differ only in lr (too high, too low, about right)
preset-adam-bias-correction = Adam's bias correction: with β2 = 0.999 the first steps would be huge without it; AdamW adds decay

## Lessons

lesson-card = Lesson
lesson-close = Close
lesson-close-tip = Hide the lesson card (the scenario stays)
lesson-of = Lesson { $n } of { $total }
lesson-next = Next lesson
lesson-prev = Previous lesson
lesson-ravine-title = Ravines and momentum
lesson-ravine-text = SGD's α cannot pass 2/λmax = 0.02 without the steep direction blowing up: at α = 0.019 it flips across the valley on every step and crawls along the floor. Momentum, in the course's form, steps along v, an average of recent gradients: across the valley they alternate in sign and cancel, along the floor they agree and add up. That damping lets momentum (β = 0.5) use α = 0.05, 2.5 times SGD's, and stay stable (it needs α·(1−β)·λmax < 2·(1+β), here α < 0.06): its zigzag dies out in a few steps and it glides to the minimum. Select the momentum optimizer and move lr α and β (momentum). Look for: the checks below; β toward 0.9 with this α makes the path loop (more inertia, overshoot), and α back at 0.019 makes momentum slower than SGD, since its step along the floor is α·(1−β) per gradient.
lesson-noisy-title = Noisy gradients
lesson-noisy-text = Every gradient here carries random noise, like a minibatch. Move noise σ in the Run section up and down. Look for: SGD's path jittering around the minimum and its loss curve staying thick, while momentum and Adam average the noise out. Then lower lr α for SGD and watch the jitter shrink.
lesson-scales-title = Different scales per parameter
lesson-scales-text = The bowl is 100 times steeper along one axis than the other. Move λ2 (curvature v) in the Surface section. Look for: SGD crawling along the flat axis (its α is limited by the steep one) while RMSProp and Adam take similar steps on both. Then set angle (°) to 45 and see the per-axis advantage fade.
lesson-adam-title = Adam's bias correction
lesson-adam-text = Adam's averages m and v start at zero; bias correction scales them up during the first steps. Select Adam and move β2 (g² memory) between 0.9 and 0.999. Look for: the size of the first few steps on the landscape (press Reset, then Step to go one at a time). Compare AdamW: weight decay pulls the end point toward the origin. The grey run is Adam with bias correction switched off (m and v used as they are): its first step is (1−β1)/√(1−β2) ≈ 3.16 times as long, the check below measures it.
lesson-warmup-title = Warmup and cosine decay
lesson-warmup-text = Two SGD runs share the peak rate α = 1 and a cosine decay; one warms up over 20 steps. This bowl's walls are steep far out (curvature about 30 at the start) and gentle at the bottom (curvature 1): α = 1 is fine at the bottom, but a full-size first step from the start throws the run out and it diverges. Warmup keeps the first steps small while the walls are steep. Open Schedule (all optimizers) and move warmup (steps) down to 0, or lower lr α. Look for: the Learning rate plot ramping up, and the run without warmup leaving the picture at step 3.
lesson-schedules-title = Step decay
lesson-schedules-text = Two SGD runs on a noisy bowl: one divides α by 10 at steps 100 and 200, one keeps it constant. Open Schedule (all optimizers) and move γ (factor per milestone), or switch LR schedule to cosine. Look for: in the loss plot, the jitter settling each time α drops, while the constant run stays noisy.
lesson-plateau-title = Early stopping and plateaus
lesson-plateau-text = The validation data disagree with training, so validation loss turns up while training loss keeps falling. Open Early stopping and move patience (evals). Look for: the validation dots in the loss plot, where the run stops, and how restore best brings it back to the lowest validation point.
lesson-reading-title = Reading a loss curve
lesson-reading-text = Three SGD runs differ only in lr α: red too high, purple too low, green about right. Read the loss plot before the landscape. Look for: a curve shooting up or spiking (α too high), a nearly flat line (α too low), a steady straight drop on the log axis (healthy). The Diagnosis on the right says the same in words: hover a finding. Then move the green run's lr α and see its curve change shape.
lesson-lr-high-title = Too high a learning rate
lesson-lr-high-text = SGD is stable on this bowl only for α < 2/λ = 0.1, and here α = 0.12. Lower lr α slowly past 0.1. Look for: the path changing from exploding to zigzagging to settling, and the loss plot turning from rising to falling.

## Classroom views: 3-D surface, overlays at the playhead, ghost paths, sweeps

section-playhead = At the playhead
view3d-toggle = 3-D
view3d-toggle-tip = Show the loss surface as a 3-D landscape you can rotate (key 3). Same playhead and hover as the map.
view3d-label = 3-D surface, step { $step } of { $end }
view3d-title = { $surface } in 3-D · step { $step } / { $end }
view3d-hint = Drag to rotate · double-click to reset · 3 goes back to the map
view3d-loss-axis = loss
overlay-arrows = arrows
overlay-arrows-tip = At the playhead: white arrow = −g (minus the gradient), straight downhill; coloured arrow = where the velocity (momentum) carries the point
overlay-legend-gradient = −g: downhill
overlay-legend-velocity = velocity / momentum (run colour)
legend-drag-tip = Which colour is which run. Drag it anywhere on the map; hide it in the View menu (Legends on the landscape).
overlay-legend-tip = Arrows at each path's current point. White: minus the gradient the next step uses, the steepest way down (its length is fixed: only the direction counts). Coloured: minus the velocity or momentum m, where inertia carries θ; its length is relative to the gradient's (longer = more inertia than slope).
overlay-step = step { $step }
overlay-gradient = |g| = { $norm }   lr = { $lr }
overlay-gradient-tip = The size of the gradient the next step uses, and the learning rate of that step
overlay-velocity = |velocity| = { $norm }
overlay-velocity-tip = The size of the velocity or momentum average m: it keeps pushing θ even where the slope is small
overlay-effective = α/(√s+ε):  x = { $x },  y = { $y }
overlay-effective-adam = α/(√v̂+ε):  x = { $x },  y = { $y }
overlay-effective-adamax = α/((1−β1^t)·u):  x = { $x },  y = { $y }
overlay-effective-tip = The effective step size on each axis: the learning rate divided by the recent size of that axis's gradients. A steep axis gets a small step, a flat one a large step.
overlay-bars-tip = The effective step on x and on y, side by side: the longer bar is the axis taking the bigger steps
overlay-lr-bound = SGD diverges above lr = 2/λmax = { $bound }
ghost-toggle = previous path
ghost-toggle-tip = After you move a slider, the path before the change stays, dashed and faded, so you can compare
ghost-label = before
sweep-lr = Sweep lr
sweep-lr-tip = Replace the selected optimizer by three copies at ×0.3, ×1 and ×3 its learning rate, drawn together
sweep-beta = Sweep { $name }
sweep-beta-tip = Replace the selected optimizer by three copies with its momentum/memory rate at 0.5, 0.9 and 0.99
sweep-beta-none = This optimizer has no β to sweep
preset-rosenbrock-valley = Rosenbrock's valley, long enough to arrive: momentum reaches (1, 1), Adam nearly, RMSProp still crawls
claims-heading = What the runs show
claim-broken = does not hold now
claim-never = never
claim-reaches-sooner = { $fast } gets below { $target } in { $fast_steps } steps, { $slow } in { $slow_steps } (the lesson: at most { $ratio } of the steps)
claim-steadier-tail = Last { $part } of the steps: { $better } { $better_mean } ± { $better_std }, { $than } { $than_mean } ± { $than_std } (the lesson: lower and steadier)
claim-tail-mean = Last { $part } of the steps: { $a } averages { $a_mean }, { $b } { $b_mean } (the lesson: at most { $ratio })
claim-ends-lower = { $a } ends at { $a_final }, { $b } at { $b_final } (the lesson: lower)
claim-ends-near = { $run } ends { $distance } from { $point } (the lesson: within { $bound })
claim-turns-back = { $a } turns back on { $a_share } of its steps, { $b } on { $b_share } (the lesson: at least { $ratio }× as often)
claim-first-step = First step: { $a } { $a_step }, { $b } { $b_step } (the lesson: at least { $ratio }×)
claim-mark-holds = •
claim-mark-fails = ×
preset-es-plateau = Early stopping and a plateau schedule together: the plateau patience must be the smaller one, or the run stops before the cut
lesson-es-plateau-title = Early stopping with a plateau schedule
lesson-es-plateau-text = Both SGD runs use α = 0.1, right at the steep direction's limit 2/λ, so after a quick start they bounce across the valley and the validation loss stalls. Early stopping waits 10 evaluations; a plateau schedule halves α after its own patience. Red waits 20 evaluations: early stopping fires first and the cut never comes. Blue waits 5: the cut comes first, the bouncing stops and the validation loss falls far lower. The course's advice: give early stopping more patience than the scheduler. Open Early stopping and the blue run's schedule, and move the two patiences. Look for: the checks below, and where each run stops on the loss plot.
claim-best-val = Best validation loss: { $a } { $a_best }, { $b } { $b_best } (the lesson: at most { $ratio })
claim-never-cut = { $run } stopped at step { $stopped_at } with α never cut (the lesson: the cut never came)
menu-export-svg = Export SVG…
menu-export-svg-tip = The same figure as vectors, for slides and papers: sharp at any size
menu-controls = Controls
menu-controls-tip = Show or hide the side panel with the surface, optimizer and schedule settings
menu-legends = Legends on the landscape
menu-legends-tip = Show the keys to the paths and arrows on the landscape (placed where they cover the fewest path points; drag a key to move it)
menu-loss-panel = Loss panel
menu-loss-panel-tip = Show the loss curves and the diagnosis under the landscape
legends = legends
dialog-svg = SVG image
dialog-gif = GIF animation
dialog-csv = CSV table
dialog-json = JSON file
dialog-py = Python script
menu-export-pytorch = Export as PyTorch code…
menu-export-pytorch-tip = A runnable, commented Python script that rebuilds this scenario in PyTorch — same surface, noise and data — and runs each optimizer with torch's own optimizer and scheduler classes, as `gradscape export --to pytorch`
picker-open-title = Open
picker-save-title = Save as
picker-open = Open
picker-save = Save
picker-cancel = Cancel
picker-new-folder = New folder
picker-new-folder-name = New folder
picker-rename = Rename
picker-refresh = Refresh
picker-parent = Parent folder
picker-file = File:
picker-hidden = Show hidden
export-title-png = Export PNG
export-title-svg = Export SVG
export-title-gif = Export GIF
export-what-png = The figure at the playhead: title, axes, colour bar and legend.
export-what-svg = The figure at the playhead as vectors: title, axes, colour bar and legend.
export-what-gif = The runs animated from step 0 to the end; the text grows with the size.
export-size = Size
export-frames = Frames
export-with-loss = Loss curves beside the landscape
export-with-loss-tip = Draw the loss curves to the right of the landscape, as `gradscape render --with-loss`
export-choose = Save…
loss-tab-all = All
loss-tab-grad = Gradient norm
loss-fold = Hide
loss-fold-tip = Fold the loss panel away to give the landscape more room (View > Loss panel brings it back)
loss-unfold = Show the loss curves and diagnosis
loss-unfold-tip = Show the loss curves and the diagnosis again
loss-folded-hint = The loss panel is folded.
loss-key-train = training
loss-key-val = validation
plot-log-off = Some losses are 0 or below: the axis is linear (a log axis cannot show them).
axis-loss = loss
axis-lr = α
axis-grad = |g|
start-title = Start here
start-text = Gradscape shows optimizers walking down a loss surface: the colours are the loss (yellow high, purple low), the lines are the paths. The first lesson is loaded at step 0.
start-play = Play the first lesson
start-close = Close
start-hint = Space plays and pauses; the Lessons menu has the next ones.
status-finished-huge = finished at a huge loss
status-finished-higher = finished far above its start
landscape-pending = Computing the new runs… (the paths shown are the previous settings’)
diagnosis-at-step = Diagnosis up to step { $step }
diagnosis-pending = Diagnosis (waiting for the settings to rest…)
msg-ok = OK
diagnosis-too-early = Diagnosis: too few steps yet, play on
scene-diverged = diverged at step { $step }
scene-stopped = stopped early at step { $step }
scene-linreg = { $name }: MSE of w·ξ + b ({ $points } points, batch { $batch })
scene-step-decay = step decay ×{ $gamma } at { $milestones }
scene-exponential-decay = exponential decay ×{ $gamma } per step
scene-cosine-decay = cosine decay over { $steps } steps
scene-plateau-decay = reduce on plateau ×{ $factor }
scene-constant-rate = constant rate
scene-warmup = warmup { $steps } steps
scene-warmup-then = warmup { $steps } + { $decay }
scene-steps = { $steps } steps
scene-noise = gradient noise σ = { $sigma }
scene-early-stopping = early stopping
scene-step-counter = step { $step } / { $total }
surface-title-quadratic = Quadratic
surface-title-rosenbrock = Rosenbrock
surface-title-beale = Beale
surface-title-himmelblau = Himmelblau
surface-title-rastrigin = Rastrigin
surface-title-ackley = Ackley
surface-title-saddle = Saddle x² + y⁴/4 − y²/2
surface-title-styblinski_tang = Styblinski–Tang
surface-title-booth = Booth
surface-title-linreg = Line fit
surface-title-custom = f(x, y) =
bias-correction = bias correction
bias-correction-tip = Divide m and v by (1 − β^t): they start at zero, so without it the first steps use averages that are far too small. Off, the first step's length is (1−β1)/√(1−β2) times the corrected one (about 3.16× with β1 = 0.9, β2 = 0.999).

## Scenario file problems (core hands over an id and its arguments)
scn-at = line { $line }, column { $column }:
scn-empty-file = the file is empty
scn-link-base64 = the link is damaged: it is not base64url text (was it cut or changed?)
scn-link-deflate = the link is damaged: its data does not inflate (was it cut?)
scn-link-too-large = the link holds more than a megabyte of scenario
scn-link-utf8 = the link's scenario is not UTF-8 text
scn-json = { $detail }
scn-json-object = { $detail }, expected a JSON object {"{"}…{"}"}
scn-json-object-file = { $detail }, expected a JSON object {"{"}"surface": …, "start": …, "optimizers": …{"}"}
scn-pair = expected 2 numbers, [a, b]
scn-pair-got = expected 2 numbers, [a, b] (got { $got })
scn-at-least = must be at least { $min }
scn-at-most = must be at most { $max } (got { $got })
scn-not-finite = must be a finite number (got { $got })
scn-not-number = must be a number (got { $got })
scn-not-flag = must be true or false (got { $got })
scn-positive = must be > 0 (got { $got })
scn-non-negative = must be ≥ 0 (got { $got })
scn-null-or-positive = must be null or > 0 (got { $got })
scn-unit = must be in [0, 1) (got { $got })
scn-unit-or-null = must be in [0, 1), or null for none (got { $got })
scn-open-unit = must be in (0, 1) (got { $got })
scn-unknown-kind = unknown kind '{ $kind }' (known: { $known })
scn-not-a-field = is not a field of { $kind } (its fields are { $fields })
scn-not-a-field-none = is not a field of { $kind } (it takes no parameters)
scn-no-optimizer = needs at least one optimizer
scn-color = must be "#rrggbb" (got "{ $got }")
scn-cosine-total = is required for a cosine schedule
scn-total-after-warmup = must be larger than warmup_steps ({ $warmup }) (got { $got })
scn-view-order = { $axis }min must be below { $axis }max (got [{ $lo }, { $hi }])
scn-view-bound = must lie within ±{ $bound } to be drawn (got [{ $lo }, { $hi }])
scn-view-span = the span { $span } is too small to draw (at least { $min } and { $rel } of the largest coordinate; got [{ $lo }, { $hi }])
scn-expr-required = is required for a custom surface, e.g. "x^2 + 10*y^2"
scn-expr-unexpected = unexpected '{ $token }' at position { $position }
scn-expr-bad-number = malformed number '{ $token }' at position { $position }
scn-expr-ends-early = the expression ends too early (position { $position })
scn-expr-expected-close = expected ')', found '{ $token }' at position { $position }
scn-expr-expected-close-end = expected ')', found the end (position { $position })
scn-expr-expected-call = expected '(' after the function { $name }, found '{ $token }' at position { $position }
scn-expr-expected-call-end = expected '(' after the function { $name }, found the end (position { $position })
scn-expr-unknown-name = unknown variable '{ $name }' at position { $position } (use x and y; constants pi and e; functions sin cos tan exp ln log sqrt abs tanh)
scn-expr-too-long = the expression is too long: more than { $max } chained operations (position { $position })
scn-expr-too-deep = the expression is nested deeper than { $max } levels (position { $position })
scn-data-required = is required with explicit data (a list of [ξ, η] pairs)
scn-not-empty = must not be empty
scn-count-range = must be from 1 to { $max } (got { $got })
scn-warn-es-patience = early_stopping.patience ({ $es }) is not larger than the plateau patience ({ $plateau }): the run could stop just before the lower rate helps

## Files that cannot be read, and training logs (core hands over ids and arguments)
scn-text-io = cannot read: { $detail }
scn-text-folder = cannot read: it is a folder
scn-text-too-big-log = the file is larger than { $mib } MiB, the most a log may be
scn-text-too-big-scenario = the file is larger than { $mib } MiB, the most a scenario file may be
scn-text-binary = the log is not a text CSV file (it contains binary data)
scn-text-utf16 = the file is UTF-16 text with an invalid character at byte { $byte }; save it as UTF-8
scn-text-utf8 = line { $line }: not UTF-8 text (invalid byte at byte { $byte }); save the file as UTF-8
scn-text-utf8-log = line { $line }: the text is not valid UTF-8 (byte { $byte }); save the log as UTF-8
scn-log-not-utf8 = the text is not valid UTF-8 (byte { $byte }); save the log as UTF-8
scn-log-mlflow-many = { $n } MLflow runs here: expected one; give the run's directory
scn-log-none-in-dir = no training log found in this directory: expected metrics.csv, trainer_state.json, events.out.tfevents.*, an MLflow run's metrics/ or a single .csv
scn-log-none-in-dir-csvs = no training log found in this directory ({ $n } CSV files; name one): expected metrics.csv, trainer_state.json, events.out.tfevents.*, an MLflow run's metrics/ or a single .csv
scn-log-hf-json = expected a Hugging Face trainer_state.json (JSON): { $detail }
scn-log-hf-no-history = no log_history array: expected a Hugging Face trainer_state.json
scn-log-hf-not-object = expected an object, found { $found }
scn-log-mlflow-not-in-run = not in an MLflow run: expected a file under mlruns/<experiment>/<run>/metrics/
scn-log-mlflow-no-metrics = no metric files: expected one file per metric
scn-log-mlflow-bad-line = expected 'timestamp value step' (numbers separated by spaces), found '{ $found }'
scn-log-tb-no-scalars = no scalar summaries: expected TensorBoard event files with scalars
scn-log-several = { $n } files: expected one log, or the metric files of one MLflow run chosen together (mlruns/<experiment>/<run>/metrics/*, each line 'timestamp value step')
scn-log-tb-truncated-header = truncated: expected a 12-byte TFRecord header
scn-log-tb-length-crc = the length's checksum does not match: expected a TFRecord (TensorBoard event file)
scn-log-tb-truncated-data = truncated: expected { $len } bytes of data and a checksum, the file has { $has }
scn-log-tb-data-crc = the data's checksum does not match
scn-log-tb-not-event = expected a TensorFlow Event message: { $detail }
scn-log-wandb-no-step = no Step column: expected a Weights & Biases CSV export (Step, <run> - <metric>)
log-loc-line = line { $line }
log-loc-line-column = line { $line }, column { $column }
log-loc-entry = log_history entry { $entry }
log-loc-record = record { $record } (byte { $byte })
log-err-empty = the log is empty
log-err-no-rows = the log has a header row but no data rows
log-err-no-train = no training-loss column: expected one of train_loss, training_loss, loss, or a name given with --train (the header has: { $found })
log-err-separator = ; the separator must be a comma, a semicolon or a tab
log-err-no-such-column = no column '{ $name }' (given with --{ $role }); the log has: { $found }
log-err-ragged = line { $line }: { $found } cells where the header has { $expected }
log-err-bad-number = { $at }: cannot read '{ $text }' in column { $column } as a number
log-err-csv = line { $line }: { $detail }
preset-adam-epsilon = Adam's ε: when ε is far larger than √v̂, Adam's step is α·m̂/ε, momentum SGD at rate α/ε, and the per-axis scaling is gone
lesson-epsilon-title = Adam's ε: too large turns Adam into momentum
lesson-epsilon-text = Adam divides each axis's step by √v̂ + ε. With the usual ε = 1e-8 the √v̂ part decides, so both axes of this bowl (100 times steeper along y) move at a similar pace. Here the gradients are smaller than 1, so with ε = 1 the ε part decides: the step is α·m̂/(√v̂ + ε) ≈ α·m̂/ε, the momentum step with rate α/ε, and the adaptive effect is gone. The grey Adam (ε = 1, α = 1) and the blue momentum (α = 1) walk almost the same path and crawl along the flat axis, while the orange Adam (ε = 1e-8) arrives early. Select the grey Adam and move ε down toward 1e-8 (lower α with it). Look for: the checks below, and the grey path leaving the blue one.
claim-steps-alike = { $a } gets below { $target } in { $a_steps } steps, { $b } in { $b_steps } (the lesson: within { $tol } of each other)
claim-not-worst = Last { $part } of the steps: { $run } averages { $mean }, the worst ({ $worst }) { $worst_mean } (the lesson: not the worst)
predict-heading = Predict first
predict-first-below = Before the runs play: which optimizer gets its loss below { $target } first?
predict-pick = My pick: { $run }
predict-pick-tip = Your prediction: the runs then play from the start and the card checks it
predict-waiting = Your prediction: { $guess }. Watch the runs…
predict-right = Right: { $winner } got there first, at step { $step }.
predict-wrong = Not this time: you said { $guess }, but { $winner } got there first, at step { $step }.
predict-nobody = No run got there in these steps (you said { $guess }).
predict-again = Ask again
preset-which-optimizer = Which optimizer when, a general baseline: SGD, momentum, RMSProp and Adam at one α = 0.05 on Himmelblau's surface
preset-which-optimizer-ravine = Which optimizer when, a ravine: the four at α = 0.05 in a valley 100 times steeper across than along
preset-which-optimizer-noisy = Which optimizer when, very noisy gradients: the four at α = 0.05 on a bowl whose gradients carry noise σ = 3
lesson-which-optimizer-title = Which optimizer when
lesson-which-optimizer-text = The course's rule of thumb: for a general, quick baseline, Adam (robust to noise and to different scales); for a surface with ravines and a visible zigzag, momentum or Adam (they speed up along directions that stay the same); for very noisy gradients (small minibatches), RMSProp or Adam (they divide by the gradient's recent size, which steadies the step). Here the four optimizers share one α = 0.05 and keep every other setting at its default, like an untuned first try. Pick each situation below. Look for: the checks; Adam at its defaults is never the worst, and the table's picks beat plain SGD where the table says they should.
lesson-which-optimizer-stage-0 = General baseline
lesson-which-optimizer-stage-0-text = Himmelblau's surface from (0, 0): SGD's step is α times the gradient, so on the steep walls it grows and the run blows up; Adam's step hardly depends on the gradient's size.
lesson-which-optimizer-stage-1 = Ravine
lesson-which-optimizer-stage-1-text = A narrow valley, 100 times steeper across than along: α = 0.05 is past plain SGD's limit 2/λmax = 0.02 and it diverges; momentum averages away the swing across the valley and arrives first.
lesson-which-optimizer-stage-2 = Very noisy gradients
lesson-which-optimizer-stage-2-text = Every gradient carries noise (σ = 3): SGD and momentum keep jittering around the bottom, while RMSProp and Adam scale the step down by the gradient's recent size and settle lower and steadier.
claim-diagnosed = { $run }: the diagnosis finds “{ $pattern }”
preset-lr-protocol = LR protocol, step 1: a few steps of SGD at α = 0.22 on a bowl that is stable only below α = 0.2; read the training loss
preset-lr-protocol-lower = LR protocol, step 2: the loss blew up, so α ÷ 10 (before and after)
preset-lr-protocol-raise = LR protocol, step 3: the loss is nearly flat, so α × 3 (before and after)
preset-lr-protocol-schedule = LR protocol, step 4: stable, so a longer noisy run with a cosine schedule and early stopping (before and after)
lesson-lr-protocol-title = Tuning the learning rate in four steps
lesson-lr-protocol-text = The course's quick protocol for α: (1) train a few epochs and look at the training loss; (2) if it oscillates or diverges, divide α by 10 or add warmup; (3) if it is nearly flat, multiply α by 2–3; (4) once it is stable, add a schedule and early stopping. Apply each step with the buttons below: every step shows the run before (the previous step's result) and after, and the Diagnosis panel gives each its verdict, the one that calls for the next step.
lesson-lr-protocol-stage-0 = 1. Look
lesson-lr-protocol-stage-0-text = Thirty steps of SGD at α = 0.22. The bowl's steep direction has λmax = 10, so SGD is stable only for α < 2/10 = 0.2: the training loss grows and the verdict is “LR too high”.
lesson-lr-protocol-stage-1 = 2. α ÷ 10
lesson-lr-protocol-stage-1-text = Before: α = 0.22, blowing up. After: α = 0.022. It no longer blows up, but the loss barely falls along the flat direction (λ = 0.2): the verdict is now “LR too low”.
lesson-lr-protocol-stage-2 = 3. α × 3
lesson-lr-protocol-stage-2-text = Before: α = 0.022, nearly flat. After: α = 0.066, three times larger and still far below the limit 0.2 (lr·λmax = 0.66): the loss falls steadily and the verdict is “Healthy”.
lesson-lr-protocol-stage-3 = 4. Schedule + early stopping
lesson-lr-protocol-stage-3-text = A longer run whose gradients carry noise, with early stopping (patience 30 evaluations, best point restored). Before: α = 0.066 constant, which keeps jittering at the bottom. After: the same α with a cosine decay, whose shrinking steps settle lower.
claim-ema-steadier = Last { $part } of the evaluations, validation loss of { $run }: raw weights { $raw_mean } ± { $raw_std }, averaged weights { $ema_mean } ± { $ema_std } (the lesson: spread at most { $ratio })
preset-ema-weights = Noisy validation on a line fit with minibatches of 4: an exponential moving average of the weights (ema_decay 0.95) walks its own, calmer path
lesson-ema-title = Averaging the weights (EMA)
lesson-ema-text = Minibatches of 4 points give noisy gradients, so SGD's weights keep hopping around the best line and the validation loss swings from one evaluation to the next. The course's remedy: keep an exponential moving average of the weights, θ̄ := d·θ̄ + (1−d)·θ, with d = ema_decay = 0.95, and evaluate that. The training steps never use it; it is a calmer path of its own, drawn beside the run, and its validation loss is drawn beside the raw one. Look for: the checks below, and the two validation curves in the loss plot. Then raise the batch size in the Surface section: with less noise the raw curve calms down too, and the two come together. (ema_decay itself is set in the scenario file.)
overlay-legend-full-batch = −g over all training points (full batch)
overlay-legend-minibatch = −g of each minibatch (batch size in the Surface section)
overlay-minibatch = minibatches of { $size }: their gradients stray { $spread } on average from the full-batch |g| = { $full }
overlay-minibatch-tip = With arrows on, the map shows −g of every minibatch (thin) against the full-batch −g (yellow). Raise the batch size in the Surface section and watch them gather.

## Preset titles (the Presets menu; the name `--preset` takes is in the tooltip)
preset-title-ravine-momentum = Ravine: SGD vs momentum
preset-title-rosenbrock = Rosenbrock's banana valley
preset-title-rosenbrock-valley = Rosenbrock's valley, to the end
preset-title-noisy-quadratic = Noisy gradients on a bowl
preset-title-per-parameter-scales = Different scales per parameter
preset-title-saddle-escape = Escaping a saddle point
preset-title-warmup-cosine = Warmup + cosine
preset-title-step-decay = Step decay
preset-title-plateau-early-stopping = Plateau schedule + early stopping
preset-title-es-plateau = Early stopping vs the plateau cut
preset-title-lr-too-high = Learning rate too high
preset-title-lr-too-low = Learning rate too low
preset-title-himmelblau-minima = Himmelblau's four minima
preset-title-rastrigin-local-minima = Rastrigin: local minima
preset-title-reading-loss-curves = Reading a loss curve
preset-title-adam-bias-correction = Adam's bias correction
preset-title-adam-epsilon = Adam's ε
preset-title-which-optimizer = Which optimizer: a baseline
preset-title-which-optimizer-ravine = Which optimizer: a ravine
preset-title-which-optimizer-noisy = Which optimizer: noisy gradients
preset-title-lr-protocol = LR protocol, step 1: look
preset-title-lr-protocol-lower = LR protocol, step 2: ÷10
preset-title-lr-protocol-raise = LR protocol, step 3: ×3
preset-title-lr-protocol-schedule = LR protocol, step 4: schedule + early stopping
preset-title-ema-weights = Moving average of the weights
preset-menu-tip = { $description } (on the command line: --preset { $name })
landscape-label = Landscape
surface-pick-custom = Your own f(x, y)
## Tuning: the LR range test and the fair comparison
menu-tuning = Tuning
menu-tuning-tip = Tools for choosing settings: a learning-rate range test and a fair comparison of the optimizers
menu-lr-find = LR range test…
menu-lr-find-tip = Grows the selected optimizer's learning rate exponentially over a short run and plots the loss against it, with three suggested rates (as fastai's lr_find does)
menu-compare = Fair comparison…
menu-compare-tip = Tunes every optimizer's learning rate on the same grid and the same step budget, then says whether the winner is better or only better tuned
lrfind-title = Learning-rate range test
lrfind-intro = { $optimizer }: the rate grows from { $from } to { $to } over { $steps } steps from the start point. The thick curve is the loss smoothed as fastai smooths it; the thin one is the loss itself.
lrfind-from = from
lrfind-from-tip = The rate of the first step. Start well below any rate that could work.
lrfind-to = to
lrfind-to-tip = The rate of the last step. End well above the rate where the loss blows up.
lrfind-steps = steps
lrfind-steps-tip = How many steps the rate takes to grow from one end to the other: more steps, a smoother curve.
lrfind-wider = Wider
lrfind-wider-tip = One decade more on each side
lrfind-narrower = Narrower
lrfind-narrower-tip = One decade less on each side
lrfind-reset = Reset
lrfind-stopped = Stopped at step { $step }: the loss blew up (more than 4 times its lowest value).
lrfind-axis-lr = learning rate (log scale)
lrfind-axis-loss = loss (smoothed)
lrfind-steepest = Steepest
lrfind-steepest-tip = where the loss falls fastest as the rate grows: a bold rate that still learns quickly
lrfind-minimum = Minimum ÷ 10
lrfind-minimum-tip = the rate at the lowest loss, divided by 10: at the lowest point the loss is about to blow up, so step back tenfold
lrfind-valley = Valley
lrfind-valley-tip = fastai's default: inside the longest stretch where the loss keeps falling, part of the way down it
lrfind-use = Use
lrfind-current = current lr
lrfind-none = The curve is too short to suggest a rate: the loss blew up almost at once.
lrfind-applied = lr α of { $optimizer } set to { $lr } ({ $rule })
compare-title = Fair comparison
compare-intro = Every optimizer gets the same { $budget } steps and the same { $n } learning rates, from { $from } to { $to }; each keeps the one that ends lowest.
compare-capped = The budget is cut to { $budget } steps per run to keep this quick (the scenario has { $steps }).
compare-second = Also tune β, μ or β1 (0, 0.5, 0.9, 0.99)
compare-col-optimizer = Optimizer
compare-col-given = As given
compare-col-tuned = Tuned
compare-cell = lr { $lr }, loss { $loss }
compare-diverged = diverged
compare-apply = Apply
compare-apply-tip = Give this optimizer its tuned settings and select it
compare-verdict-better = { $winner } wins with the settings as given and still wins when every optimizer is tuned: here it is better, not just better tuned.
compare-verdict-better-tuned = { $given } wins with the settings as given, but once every optimizer is tuned { $tuned } ends lower ({ $tuned_loss } against { $given_loss }): { $given } was better tuned, not better.
compare-verdict-tie = Once tuned, { $first } and { $second } end within 0.1 % of the way down of each other ({ $first_loss } and { $second_loss }): neither is better here; the gap came from the settings.
compare-verdict-single = Add a second optimizer to compare.
compare-stale = These numbers are for the settings before your change; they update when you let go.
compare-runs = The tuned runs, side by side, each with the same budget:
compare-runs-key = Solid: each optimizer with its tuned setting; dashed: as given. Left, the loss at each step (log scale when every loss is positive); right, the paths from the start (grey dot).
compare-axis-step = step
compare-axis-loss = loss

## Run labels of the built-in presets (a typed label is shown as written)
run-label-adam-no-bias-correction = Adam, no bias correction
run-label-sgd-batch-4 = SGD, batch 4
run-label-sgd-plateau-patience-20 = SGD, plateau patience 20
run-label-sgd-plateau-patience-5 = SGD, plateau patience 5
run-label-before-0-22 = before: α = 0.22
run-label-after-0-022-10 = after: α = 0.022 (÷10)
run-label-before-0-022 = before: α = 0.022
run-label-after-0-066-3 = after: α = 0.066 (×3)
run-label-before-0-066-constant = before: α = 0.066, constant
run-label-after-0-066-cosine = after: α = 0.066, cosine
run-label-heavy-ball-0-95 = Heavy ball μ=0.95
run-label-sgd-step-decay = SGD, step decay
run-label-sgd-constant = SGD, constant
run-label-sgd-warmup-cosine = SGD, warmup + cosine
run-label-sgd-cosine-no-warmup = SGD, cosine, no warmup
sched-kind-constant = constant
sched-kind-step = step
sched-kind-exponential = exponential
sched-kind-cosine = cosine
sched-kind-plateau = plateau
map-title-steps = { $optimizer }: first step with loss below { $threshold }
map-title-basins = { $optimizer }: the minimum reached from each start
map-legend-fast = reached at step { $step }
map-legend-slow = reached at step { $step }
map-legend-never = never reached
map-legend-none = no minimum reached
map-legend-diverged = diverged
map-legend-current = current setting

## Hyperparameter map window
menu-map = Hyperparameter map…
menu-map-tip = A grid of settings of the selected optimizer, each cell a run of this scenario, coloured by how soon it gets down: where your setting sits among its neighbours
map-title = Hyperparameter map
map-intro = { $optimizer }: each cell is a whole run of this scenario with that setting. Click a cell to use it.
map-mode-params = lr × memory
map-mode-params-tip = The learning rate (log scale, from α/100 to 10α) against the optimizer's memory (β, momentum or β1, from 0 to 0.99)
map-mode-start = start point
map-mode-start-tip = Every start in the view: which minimum each one reaches (Himmelblau's four basins, for instance)
map-cells = cells per side
map-cells-tip = More cells, finer map, longer to compute (cells² runs; a long run gets fewer, so the window never freezes)
map-recentre = Re-centre
map-recentre-tip = Make the grid again around the current setting
map-stale = Updating: this map is of the previous setting.
map-summary = { $cells } runs: { $reached } get below 1 % of the way down, { $diverged } diverge; median { $median } steps
map-summary-basins = { $cells } starts: { $reached } reach a known minimum, { $diverged } diverge
map-key = Bright: few steps to get down; dark: many; grey: never within the run; red: diverged. The ring is the current setting.
map-key-basins = One colour per minimum reached; grey: none; red: diverged. The ring is the current start.
map-cell-steps = below the threshold at step { $steps }
map-cell-basin = reaches minimum { $minimum }
map-cell-never = never gets below the threshold
map-cell-diverged = diverges
map-axis-start-x = start x
map-axis-start-y = start y
map-too-long = { $steps } steps a run is too long to map here without freezing the window: shorten the run, or use `gradscape map` on the command line.
