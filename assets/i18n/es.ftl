# La interfaz de Gradscape en español. Debe tener exactamente las mismas claves que
# en.ftl (una prueba unitaria lo comprueba); lo que falte se mostraría en inglés.

## Menús

menu-file = Archivo
menu-new = Nuevo
menu-open = Abrir…
menu-save = Guardar
menu-save-as = Guardar como…
menu-copy-link = Copiar enlace
menu-copy-link-tip = Un enlace a la versión web que abre exactamente este escenario: envíalo a la clase
msg-link-copied = Enlace copiado: { $link }
msg-link-bad = No se pudo leer el escenario del enlace; se muestra el predeterminado. { $error }
web-open-failed = { $name }: { $error }
web-log-folder = el navegador no puede leer una carpeta: para una ejecución de MLflow, elige o suelta juntos los archivos de su carpeta metrics (mlruns/<experimento>/<ejecución>/metrics/); para TensorBoard, un archivo events.out.tfevents
web-open-log-tip = En el navegador: para una ejecución de MLflow, selecciona a la vez todos los archivos de su carpeta metrics (mlruns/<experimento>/<ejecución>/metrics/); para TensorBoard, un archivo events.out.tfevents.
web-files = { $n } archivos ({ $first }, …)
menu-export-png = Exportar PNG…
menu-export-png-tip = La figura completa (título, ejes, barra de color, leyenda) en el cabezal, dibujada como `gradscape render`, al tamaño que elijas (1920 × 1080 por defecto)
menu-recent = Archivos recientes
menu-recent-none = ninguno todavía
menu-presets = Ejemplos
menu-lessons = Lecciones
menu-lessons-tip = Lecciones guiadas: cada una carga un escenario y dice qué control mover y qué observar
menu-view = Ver
menu-reset-view = Restablecer vista
menu-contours = Curvas de nivel
menu-untitled = escenario sin título
menu-language = Idioma
menu-language-tip = El idioma de todas las etiquetas, ayudas, lecciones y diagnósticos
menu-theme = Tema
theme-light = Claro
theme-dark = Oscuro
theme-tip = El claro se lee mejor en la mayoría de los proyectores; el oscuro va bien en una sala en penumbra o en un portátil
menu-projector = Modo proyector
menu-projector-tip = Texto más grande, colores de alto contraste en blanco y negro puros y líneas más gruesas: legible desde el fondo del aula
menu-ui-scale = Escala de la interfaz
menu-ui-scale-tip = Agranda o achica toda la ventana; el modo proyector la agranda todavía más
notice-preset = Ejemplo { $name }: { $description }
dialog-png = Imagen PNG
dialog-scenario = Escenario de Gradscape

## Mensajes

msg-error = Error: { $error }
msg-warning = Aviso: { $warning }
msg-dismiss = Cerrar
msg-dismiss-tip = Oculta este mensaje
msg-exported = Exportado { $path }
msg-export-failed = No se pudo exportar { $path }: { $error }
msg-view-empty = la vista está vacía
msg-opened = Abierto { $path }
msg-open-failed = No se pudo abrir el archivo: { $error }
msg-saved = Guardado { $path }
msg-save-failed = No se pudo guardar { $path }: { $error }
menu-export-gif = Exportar GIF…
menu-export-gif-tip = Las trayectorias como GIF animado, dibujado como `gradscape render`, con el tamaño y el número de cuadros que elijas
menu-export-csv = Exportar trayectorias (CSV)…
menu-export-csv-tip = Cada ejecución, una fila por paso: run, t, x, y, loss, lr, grad_norm, val_loss — como `gradscape run --format csv`
menu-export-json = Exportar trayectorias (JSON)…
menu-export-json-tip = Cada ejecución con sus puntos, pérdidas, tasas, evaluaciones y diagnóstico — como `gradscape run`
msg-invalid = Ajuste no válido: { $error }
msg-unknown-preset = ejemplo desconocido '{ $name }'
optimizer-copy = { $label } copia

## Secciones del panel lateral

section-surface = Superficie
section-optimizers = Optimizadores
section-run = Ejecución
section-schedule = Programa de α (todos)
section-early-stopping = Parada temprana

## Superficie

surface = Superficie
surface-quadratic = Un cuenco (elipse): λ1 y λ2 fijan la curvatura en cada eje
surface-rosenbrock = Un valle curvo en forma de banana con fondo plano: fácil de encontrar, lento de recorrer
surface-beale = Crestas agudas alrededor de un mínimo en (3, 0.5)
surface-himmelblau = Cuatro mínimos de igual profundidad: el punto de partida decide a cuál se llega
surface-rastrigin = Un cuenco cubierto de hoyuelos: muchos mínimos locales
surface-ackley = Una placa casi plana con un único agujero profundo en el origen
surface-saddle = Mínimos en (0, ±1) y un punto de silla en el origen
surface-styblinski_tang = Cuatro cuencas de distinta profundidad: la más honda en x = y ≈ −2.90; el inicio decide a cuál llegas
surface-booth = Un cuenco alargado e inclinado con el mínimo en (1, 3): curvaturas 18 y 2 hacen zigzaguear los pasos simples
surface-linreg = Ajustar una recta y = w·x + b a unos puntos: θ = (w, b)
surface-custom = Tu propia f(x, y)
quad-lambda1 = λ1 (curvatura u)
quad-lambda1-tip = Curvatura a lo largo del primer eje. Regla práctica: el SGD simple solo es estable si α < 2/λ; el eje más empinado fija el mayor α utilizable.
quad-lambda2 = λ2 (curvatura v)
quad-lambda2-tip = Curvatura a lo largo del segundo eje. λ2/λ1 es el número de condición: cuanto mayor, más estrecho el barranco y más zigzaguea el SGD simple. Por encima de ~10, prueba momentum o Adam.
quad-angle = ángulo (°)
quad-angle-tip = Gira el cuenco. Los métodos por eje (RMSProp, Adam) ayudan más cuando los ejes coinciden con x e y (ángulo 0); girado, su ventaja se desvanece.
rosen-a = a
rosen-a-tip = El mínimo está en (a, a²). Mover a mueve el objetivo, no la dificultad.
rosen-b = b (pendiente del valle)
rosen-b-tip = Lo empinadas que son las paredes del valle; 100 es la banana clásica. Mayor b = valle más estrecho, menor α utilizable.
rastrigin-a = a (altura de las ondas)
rastrigin-a-tip = Altura de los hoyuelos. 0 es un cuenco liso; 10 es el clásico. Ondas más altas atrapan los pasos de gradiente en el hoyuelo más cercano.
batch-size = tamaño de lote
batch-size-tip = Puntos por paso de gradiente. Lotes más pequeños dan pasos más ruidosos; regla práctica: al reducir el lote a la mitad conviene un α menor.
linreg-n-train = puntos de entrenamiento
linreg-n-train-tip = Cuántos puntos ajusta la recta. Más puntos: una superficie de pérdida más suave.
linreg-n-val = puntos de validación
linreg-n-val-tip = Puntos reservados para la pérdida de validación: lo que vigilan la parada temprana y el programa de meseta.
linreg-w = pendiente real w
linreg-w-tip = La pendiente de la que salen los datos: dónde debería estar el mínimo en w.
linreg-b = sesgo real b
linreg-b-tip = La ordenada en el origen de la que salen los datos: dónde debería estar el mínimo en b.
linreg-noise = ruido de los datos
linreg-noise-tip = Dispersión de los puntos alrededor de la recta real. Más ruido: una pérdida mínima más alta y gradientes de minilote más ruidosos.
expr-tip = Cualquier expresión en x e y: + − * / ^ ( ), sin cos tan exp ln log sqrt abs tanh, pi, e. Ejemplo: x^2 + 10*y^2
expr-ok = Correcto: la expresión se entiende
surface-no-params = Esta superficie no tiene parámetros.

## Ejecución

start = inicio θ0
start-tip = Donde empiezan todos los optimizadores. También puedes arrastrar el anillo blanco sobre el paisaje. Empieza lejos del mínimo para ver todo el recorrido.
steps = pasos
steps-tip = Cuántas actualizaciones hace cada optimizador. Usa la línea de tiempo para repetirlas.
seed = semilla
seed-tip = Semilla del ruido del gradiente (y de los datos de regresión). Misma semilla, mismo ruido: todos los optimizadores ven el mismo ruido, así la comparación es justa.
eval-every = evaluar cada (pasos)
eval-every-tip = Cada cuánto se mide la pérdida de validación; la parada temprana y el programa de meseta cuentan estas evaluaciones.
grad-noise = ruido en el gradiente
grad-noise-tip = Añade ruido aleatorio a cada gradiente, como hace el entrenamiento por minilotes.
noise-sigma = ruido σ
noise-sigma-tip = Desviación típica del ruido añadido a cada componente del gradiente. σ grande: el SGD tiembla; momentum y los métodos adaptativos lo promedian. Regla práctica: más ruido pide un α menor o un programa decreciente.
grad-clip = recortar la norma del gradiente
grad-clip-tip = Reduce a longitud c cualquier gradiente más largo: una protección contra las explosiones.
clip-c = recorte c (máx. |g|)
clip-c-tip = La mayor longitud de gradiente que se deja pasar. Típico 1–10; si es muy pequeño todos los pasos miden lo mismo, como el descenso por signo.
val-shift = desplazamiento de validación
val-shift-tip = Aleja el óptimo de validación del de entrenamiento, para que una ejecución pueda sobreajustar: la pérdida de entrenamiento sigue bajando mientras la de validación vuelve a subir.

## Parada temprana

early-stopping = parada temprana
early-stopping-tip = Detiene una ejecución cuando la pérdida de validación no mejora en `paciencia` evaluaciones y (con restaurar el mejor) vuelve al mejor punto visto.
es-patience = paciencia (evals)
es-patience-tip = Evaluaciones sin mejora antes de detener la ejecución. Típico 5–20; muy poca se detiene por una oscilación ruidosa, demasiada desperdicia pasos.
es-min-delta = Δ mín.
es-min-delta-tip = Cuánto más baja que la mejor debe ser una pérdida de validación para contar como mejora. 0 cuenta cualquier mejora; súbelo si la validación es ruidosa.
es-restore = restaurar el mejor
es-restore-tip = Termina la ejecución en el mejor punto visto en lugar del último.

## Optimizadores

opt-sgd = Descenso de gradiente simple: paso directo cuesta abajo.
opt-momentum = Mantiene una media móvil de los gradientes (velocidad): se desliza por los barrancos.
opt-heavy_ball = El SGD con momentum de PyTorch (con la anticipación de Nesterov opcional).
opt-rmsprop = Divide el paso de cada eje por el tamaño reciente de sus gradientes.
opt-adam = Momentum más el escalado por eje de RMSProp, con corrección de sesgo.
opt-adamw = Adam más un decaimiento de pesos que atrae θ hacia el origen.
opt-adagrad = Divide por todos los gradientes al cuadrado pasados: los pasos se encogen con el tiempo.
opt-sgd-name = SGD
opt-momentum-name = Momento
opt-heavy_ball-name = Bola pesada (SGD con momento de PyTorch)
opt-rmsprop-name = RMSProp
opt-adam-name = Adam
opt-adamw-name = AdamW
opt-adagrad-name = AdaGrad
opt-adamax = Adam con el mayor gradiente reciente en lugar del cuadrado medio: los pasos nunca superan α.
opt-adamax-name = Adamax
opt-lion = Avanza según el signo de una mezcla con el momento: cada eje se mueve el mismo α, sea cual sea el tamaño del gradiente.
opt-lion-name = Lion
opt-show-tip = Mostrar { $label } en el paisaje y en las gráficas
opt-select-tip = Pulsa para editar este optimizador
opt-add = Añadir
opt-add-tip = Añade un optimizador con sus valores de manual
opt-duplicate = Duplicar
opt-duplicate-tip = Copia el optimizador seleccionado, para comparar un ajuste lado a lado
opt-remove = Quitar
opt-remove-tip = Quita el optimizador seleccionado
opt-remove-disabled = Un escenario necesita al menos un optimizador
opt-kind = Tipo
opt-label = Nombre
opt-label-tip = El nombre en la leyenda; vacío significa el nombre del tipo
opt-colour = Color
opt-colour-tip = El color de la trayectoria y las curvas de este optimizador
lr = tasa α
lr-tip = α, la tasa de aprendizaje: cuánto avanza cada paso a lo largo del gradiente (escalado). Demasiado alta: la pérdida salta arriba y abajo o explota. Demasiado baja: apenas se mueve. Regla práctica: SGD ~0.01–0.1, Adam ~1e-3; cámbiala ×3 o ×10, no en pasos pequeños. El control es logarítmico: cada décimo del recorrido es ×10. Escribe un valor para fijarlo exactamente.
beta = β (momentum)
beta-tip = β típico 0.9; mayor = más inercia, más suave pero más lento en reaccionar, puede pasarse de largo con un α grande. El paso efectivo crece hacia α/(1−β). El recorrido está estirado cerca de 1: 0.9, 0.99 y 0.999 quedan equiespaciados.
mu = μ (momentum)
mu-tip = μ típico 0.9; la velocidad conserva μ de sí misma en cada paso, así que el paso efectivo crece hacia α/(1−μ): mayor = más inercia, puede pasarse de largo.
nesterov = Nesterov
nesterov-tip = Mira hacia delante a lo largo de la velocidad antes de usar el gradiente: amortigua el pasarse de largo. Suele ser una mejora gratis con μ ≥ 0.9.
rho = ρ (memoria de g²)
rho-tip = ρ típico 0.9: cuánto recuerda la media móvil de g². Mayor = tamaños de paso por eje más estables, más lento en adaptarse cuando cambia la pendiente.
eps = ε
eps-tip = ε típico 1e-8; evita dividir por casi cero en √v. Demasiado grande (p. ej. 0.1) debilita el paso adaptativo: el método se comporta como momentum/SGD.
beta1 = β1 (momentum)
beta1-tip = β1 típico 0.9: el momentum de la media de gradientes m. Mayor = más suave, más inercia, puede pasarse de largo con un α grande.
beta2 = β2 (memoria de g²)
beta2-tip = β2 típico 0.999: la memoria de la media de gradientes al cuadrado v. Menor (0.99) se adapta antes pero es más ruidoso; la corrección de sesgo mantiene sensatos los primeros pasos.
lion-beta1-tip = Cuánto del momento ve el signo del paso: sign(β1·m + (1−β1)·g). El valor por defecto de Lion es 0.9.
lion-beta2-tip = Cuán despacio olvida el momento: m := β2·m + (1−β2)·g tras cada paso. El valor por defecto de Lion es 0.99.
weight-decay = decaimiento de pesos
weight-decay-tip = Decaimiento de pesos desacoplado (AdamW): encoge θ hacia el origen en cada paso.
wd-lambda = λ (decaimiento)
wd-lambda-tip = λ típico 0.01: cada paso encoge θ en α·λ hacia el origen, diga lo que diga el gradiente. Acerca el mínimo alcanzado a (0, 0).
own-schedule = programa de α propio
own-schedule-tip = Usa un programa propio en lugar del del escenario

## Programa de la tasa de aprendizaje

schedule = Programa de α
sched-constant = La misma tasa en cada paso.
sched-step = Multiplica la tasa por γ en cada paso hito.
sched-exponential = Multiplica la tasa por γ en cada paso: un decaimiento suave y constante.
sched-cosine = Baja de lr a lr_min siguiendo medio coseno, y lo alcanza en el paso T.
sched-plateau = Reduce la tasa por `factor` cuando la pérdida de validación deja de mejorar durante `paciencia` evaluaciones.
warmup = calentamiento (pasos)
warmup-tip = La tasa sube linealmente desde 0 durante estos primeros pasos: los pasos grandes al principio de un optimizador recién creado (la v de Adam aún es diminuta) pueden lanzarlo lejos. Típico: 1–10 % de la ejecución.
gamma-milestone = γ (factor por hito)
gamma-milestone-tip = La tasa se multiplica por γ en cada hito; 0.1 la divide por diez (la elección clásica).
gamma-step = γ (factor por paso)
gamma-step-tip = La tasa se multiplica por γ en cada paso. 0.99 la reduce a la mitad en unos 70 pasos, 0.999 en unos 700.
cosine-t = T (pasos)
cosine-t-tip = El paso en que el coseno alcanza lr_min; normalmente la duración de la ejecución.
lr-min = lr_min
cosine-lr-min-tip = El suelo hacia el que baja la tasa; típico de 0 a α/100.
plateau-factor = factor
plateau-factor-tip = Cada recorte multiplica la tasa por este valor; 0.1 la divide por diez, 0.5 la reduce a la mitad (más suave).
plateau-patience = paciencia (evals)
plateau-patience-tip = Evaluaciones sin mejora antes de recortar la tasa. Una validación ruidosa necesita más paciencia.
plateau-min-delta = Δ mín.
plateau-min-delta-tip = Cuánto más baja que la mejor cuenta como mejora.
plateau-cooldown = enfriamiento (evals)
plateau-cooldown-tip = Evaluaciones tras un recorte durante las que la espera no cuenta: da tiempo a que actúe la nueva tasa.
plateau-lr-min-tip = La tasa nunca se recorta por debajo de esto.
milestones = hitos
milestones-tip = Pasos en los que baja la tasa, separados por comas, p. ej. 100, 200.
preview = α según el paso, α base { $lr }
preview-plateau-note = (los recortes ocurren cuando la validación se estanca: mira el panel de pérdida)

## Reproducción

play = Reproducir
pause = Pausa
play-tip = Reproduce o pausa la animación (Espacio)
step = Paso
step-tip = Un paso adelante (flecha derecha); la flecha izquierda retrocede uno
reset = Reiniciar
reset-tip = Volver al paso 0 (R)
speed = pasos/s
speed-tip = Velocidad de reproducción, en pasos del optimizador por segundo. Bájala (10–30) para seguir los pasos uno a uno en clase.
timeline = / { $end } pasos
timeline-tip = La línea de tiempo: arrástrala para mostrar las ejecuciones hasta cualquier paso
reset-view = Restablecer vista
reset-view-tip = Vuelve a la región del plano del escenario (o haz doble clic en el paisaje)
show-menu = Mostrar…
show-menu-tip = Restablecer la vista; curvas de nivel, leyendas, 3-D, flechas y la trayectoria anterior (se pliegan en este menú cuando la ventana es estrecha)
contours = curvas de nivel
contours-tip = Líneas de igual pérdida: el paso de gradiente es perpendicular a ellas, así que muestran hacia dónde apunta.

## Barra de estado

status-running = en curso
status-line = pérdida { $loss } · paso { $step } / { $steps } ·
status-line-tip = La pérdida en el cabezal y el paso mostrado; al final, la pérdida final (en el mejor punto restaurado, si la parada temprana lo restauró)
status-converged = convergió
status-diverged = divergió
status-stopped-early = parada temprana
status-finished = terminada

## Paisaje

landscape-help = Rueda para acercar, arrastra para desplazar, arrastra el anillo blanco para mover el inicio, doble clic para restablecer la vista
landscape-hover = { $label }, paso { $step }: θ = ({ $x }, { $y }), pérdida { $loss }
landscape-pointer = x = { $x }, y = { $y }: pérdida { $loss }

## Panel de pérdida

plot-loss = Pérdida
plot-loss-log = Pérdida (log)
plot-lr = Tasa de aprendizaje α
plot-grad = Norma |g| (log)
plot-loss-tip = Pérdida de entrenamiento como líneas, pérdida de validación en cada evaluación como puntos. Cómo leerla: una bajada recta en el eje logarítmico es progreso constante; un inicio plano indica α demasiado baja; los picos, α demasiado alta; si la validación sube mientras el entrenamiento baja, hay sobreajuste.
plot-lr-tip = La tasa de aprendizaje que usó cada paso, tras el calentamiento y el programa
plot-grad-tip = Longitud del gradiente que usó cada paso (tras el ruido y el recorte). Cerca de un mínimo se encoge; si crece, la ejecución es inestable.
plot-log = log
plot-log-tip = Dibuja la pérdida en un eje logarítmico: una recta descendente significa que la pérdida se reduce por el mismo factor en cada paso, y se ven los últimos decimales.
plot-step = paso
plot-hover = paso { $step }

## Diagnóstico

diagnosis = Diagnóstico
diagnosis-updating = Diagnóstico (actualizando…)
runs-updating = Actualizando…
runs-updating-tip = Se está calculando una ejecución larga; las vistas muestran las anteriores hasta que termine
diagnosis-tip = Lee las curvas de cada ejecución como lo haría un profesor; pasa el ratón sobre un hallazgo para ver los números y qué probar.
diagnosis-detail = { $summary }

    Qué lo muestra: { $evidence }

    Prueba: { $action }
diag-healthy-summary = Las curvas tienen buen aspecto: no hay nada que cambiar.
diag-summary = { $names }: { $action }.
diag-and = y
diag-lr_too_high-title = Tasa demasiado alta
diag-lr_too_high-action = baja α ×0.1, añade calentamiento, revisa ε, recorta los gradientes
diag-lr_too_low-title = Tasa demasiado baja
diag-lr_too_low-action = sube α ×2–3, o calienta hasta una α objetivo mayor
diag-lr_too_low-action-capped = sube α como mucho ×{ $factor } (más allá, α·λmax pasa de 2 y el descenso de gradiente diverge), o añade momentum o un programa de α
diag-lr_too_low-action-edge = no subas α: α·λmax ya está en el límite de 2; añade momentum, o un programa que reduzca α
diag-overfitting-title = Sobreajuste
diag-overfitting-action = parada temprana, regularización, bajar α en las mesetas
diag-scheduler_helping-title = El programa ayuda
diag-scheduler_helping-action = mantenlo; considera más reducciones o un lr_min menor
diag-val_noisy-title = Validación ruidosa
diag-val_noisy-action = lote mayor, α menor, promedio de pesos (EMA), más paciencia
diag-healthy-title = Sano
diag-healthy-action = —
diag-insufficient_data-title = Datos insuficientes
diag-insufficient_data-action = registra más pasos o evaluaciones y vuelve a diagnosticar
diag-not_finite_at_start-title = No finita en el inicio
diag-not_finite_at_start-action = mueve el punto de inicio o cambia la función: no está definida ahí
diagnosis-thresholds = Umbrales detrás de este veredicto:

## Diagnosis evidence: one sentence per kind, filled with the finding's facts

ev-lr_too_high-diverged = la ejecución divergió en el paso { $diverged_step }; su última pérdida finita fue { $last } en el paso { $last_step }
ev-lr_too_high-diverged_at_start = la ejecución divergió en el paso { $diverged_step }
ev-lr_too_high-never_finite = la pérdida de entrenamiento es { $value } desde el paso { $bad_step }, nunca finita
ev-lr_too_high-nonfinite = la pérdida de entrenamiento era { $last } en el paso { $last_step } y luego { $value } en el paso { $bad_step } ({ $count } valores no finitos en total)
ev-lr_too_high-nonfinite_after_rise = la pérdida de entrenamiento subió ×{ $factor } en { $within_count } pasos hasta { $last } en el paso { $last_step } y luego { $value } en el paso { $bad_step } ({ $count } valores no finitos en total)
ev-lr_too_high-grew = la pérdida de entrenamiento creció órdenes de magnitud: ×{ $factor }, de { $low } en el paso { $low_step } a { $high } en el paso { $high_step }
ev-lr_too_high-rebound = la pérdida de entrenamiento volvió a subir { $change }, de unos { $low } cerca del paso { $low_step } a unos { $high } cerca del paso { $high_step } (última: { $last })
ev-lr_too_high-oscillation = la pérdida de entrenamiento cambió de sentido violentamente { $count } veces en { $steps_count } pasos (la mayor: { $a } -> { $b } -> { $c } en los pasos { $from_step }–{ $to_step })
ev-lr_too_high-unstable = α·λmax = { $lr_lambda_product } ≥ 2 (α { $lr }, curvatura máxima λmax { $lambda_max }): en la dirección más empinada cada paso se pasa al menos tanto como corrige, así que el descenso de gradiente rebota o crece aunque la pérdida parezca plana
ev-lr_too_low-flat = la pérdida de entrenamiento apenas se movió: { $first } -> { $last } ({ $fraction_share } menos) en { $steps_count } pasos ({ $from_step } -> { $to_step })
ev-lr_too_low-slow = la pérdida de entrenamiento bajó solo un { $fraction_share } ({ $first } -> { $last }) en { $steps_count } pasos, a ritmo constante: el { $late_share } de la bajada llegó en la segunda mitad
ev-lr_too_low-steady = la pérdida de entrenamiento bajó de { $first } a { $last } en { $steps_count } pasos sin frenar: el { $late_share } de la bajada llegó en la segunda mitad
ev-overfitting-val_rose = la pérdida de validación tocó fondo en { $low } (paso { $low_step }) y subió { $change } hasta { $last } en el paso { $last_step }, mientras la de entrenamiento bajaba { $train_then } -> { $train_end }
ev-scheduler_helping-cut_val = tras el recorte de α en el paso { $cut_step } ({ $lr_before } -> { $lr_after }), la pérdida de validación bajó de { $before } (pasos { $before_from_step }–{ $before_to_step }) a { $after } (pasos { $after_from_step }–{ $after_to_step }), más de lo que predecía su tendencia (recortes seguidos de una bajada así: { $helped_count } de { $cuts_count })
ev-scheduler_helping-cut_train = tras el recorte de α en el paso { $cut_step } ({ $lr_before } -> { $lr_after }), la pérdida de entrenamiento bajó de { $before } (pasos { $before_from_step }–{ $before_to_step }) a { $after } (pasos { $after_from_step }–{ $after_to_step }), más de lo que predecía su tendencia (recortes seguidos de una bajada así: { $helped_count } de { $cuts_count })
ev-val_noisy-swings = la pérdida de validación cambió de sentido { $count } veces en { $evals_count } evaluaciones, ±{ $size_share } de media (el mayor: { $a } -> { $b } -> { $c } en los pasos { $from_step }–{ $to_step }), mientras la de entrenamiento es mucho más suave
ev-val_noisy-swings_lin = la pérdida de validación cambió de sentido { $count } veces en { $evals_count } evaluaciones, ±{ $size } ({ $size_share } de su rango) de media (el mayor: { $a } -> { $b } -> { $c } en los pasos { $from_step }–{ $to_step }), mientras la de entrenamiento es mucho más suave
ev-insufficient_data-few = datos insuficientes: { $train_count } valores de entrenamiento y { $val_count } de validación (hacen falta al menos { $needed_count })
ev-not_finite_at_start-nan = la función no es finita en el punto de inicio (NaN ahí): no se puede juzgar ningún paso
ev-not_finite_at_start-inf = la función no es finita en el punto de inicio ({ $value } ahí): no se puede juzgar ningún paso
ev-healthy-train_only = la pérdida de entrenamiento { $dir ->
    [down] bajó
   *[up] pasó
} de { $first } a { $last } en { $steps_count } pasos; sin pérdida de validación
ev-healthy-train_val = la pérdida de entrenamiento { $dir ->
    [down] bajó
   *[up] pasó
} de { $first } a { $last } en { $steps_count } pasos; la validación, mínima en { $val_low } (paso { $val_low_step }), última { $val_last }; sin subida duradera
ev-healthy-val_only = sin pérdida de entrenamiento; la validación, mínima en { $val_low } (paso { $val_low_step }), última { $val_last }; sin subida duradera

## Diagnosis thresholds (hover)

thr-line = { $name } { $value }: { $reason }
thr-rebound = una pérdida que una buena tasa hace bajar no vuelve a subir tanto sobre un mínimo anterior
thr-rebound_share = la subida debe ser además esta parte del rango total de la pérdida, para no leer como subida el vaivén de una pérdida cerca de su mínimo
thr-flat = una pérdida de entrenamiento que bajó menos que esto en toda la ejecución casi no aprendió
thr-slow = una pérdida que bajó menos que esto, igual de rápido al final que al principio, va demasiado lenta: una buena tasa logra casi toda la bajada pronto
thr-overfit_rise = una subida menor de la validación sobre su mínimo está dentro de lo que oscila una ejecución terminada
thr-overfit_noise = la subida debe ser tantas veces la oscilación típica de la validación, para no leer ruido como tendencia
thr-cut_gain = si tras un recorte de α la pérdida no queda al menos esto bajo su tendencia, el recorte quizá no hizo nada
thr-val_noise = la oscilación media entre evaluaciones a partir de la cual dejan de coincidir entre sí

thr-val_swings = cuántas oscilaciones de ±10 % o más hacen falta: una o dos pueden ser una sola evaluación mala
thr-val_train_ratio = las oscilaciones del entrenamiento pueden ser a lo sumo esta fracción de las de validación, para no culpar a la validación cuando todas las curvas oscilan

## Training logs

menu-open-log = Abrir registro de entrenamiento…
menu-open-log-tip = Un registro de entrenamiento (Keras CSVLogger, metrics.csv de Lightning, trainer_state.json de Hugging Face, eventos de TensorBoard, exportación CSV de W&B, métricas de MLflow): sus curvas y su diagnóstico en el panel de pérdidas. También puedes soltar el archivo sobre la ventana.
msg-log-opened = Registro de entrenamiento abierto: { $path }
log-panel-title = Registro de entrenamiento: { $name } ({ $format })
log-close = Cerrar registro
log-close-tip = Volver a las curvas de los optimizadores
log-train = entrenamiento
log-val = validación
log-try = Prueba: { $action }

diag-note = nota:
diag-evidence = evidencia:
diag-try = prueba:

log-role-train = pérdida de entrenamiento
log-role-val = pérdida de validación
log-role-lr = tasa de aprendizaje
log-choice = { $role } leída de '{ $used }' ({ $used_count } valores), no de '{ $other }' ({ $other_count } valores)

## Ejemplos (las ayudas del menú Ejemplos)

preset-ravine-momentum = Barranco: el SGD simple zigzaguea de pared a pared del valle estrecho; momentum se desliza a lo largo
preset-rosenbrock = El valle en banana de Rosenbrock con momentum, RMSProp y Adam bajo calentamiento + coseno
preset-noisy-quadratic = Gradientes ruidosos: el SGD tiembla alrededor del cuenco mientras RMSProp y Adam se mantienen estables
preset-per-parameter-scales = Escalas distintas por parámetro (λ1 = 1, λ2 = 100): RMSProp y Adam igualan el paso en cada eje
preset-saddle-escape = Punto de silla: empezando casi sobre la cresta, el SGD se entretiene mientras momentum (con la misma tasa efectiva) y Adam escapan
preset-warmup-cosine = Calentamiento + coseno: en un cuenco de paredes empinadas la misma tasa máxima diverge sin calentamiento y converge con él
preset-step-decay = Decaimiento por escalones en un cuenco ruidoso: recortar la tasa ×0.1 en los pasos 100 y 200 calma el temblor
preset-plateau-early-stopping = Meseta + parada temprana en el ajuste de una recta cuya validación no coincide con el entrenamiento
preset-lr-too-high = Tasa demasiado alta: SGD con α = 0.12 en un cuenco con λ = 20 (estable solo por debajo de 2/λ = 0.1) explota
preset-lr-too-low = Tasa demasiado baja: SGD con α = 2e-5 apenas se mueve; la curva de pérdida es casi plana
preset-himmelblau-minima = Los cuatro mínimos de Himmelblau: donde empiezas decide donde terminas
preset-rastrigin-local-minima = Rastrigin: un cuenco cubierto de hoyuelos; los pasos de gradiente, con o sin momentum, se detienen en el más cercano
preset-reading-loss-curves = Leer una curva de pérdida: tres ejecuciones de SGD que solo difieren en α (demasiado alta, demasiado baja, adecuada)
preset-adam-bias-correction = La corrección de sesgo de Adam: con β2 = 0.999 los primeros pasos serían enormes sin ella; AdamW añade decaimiento

## Lecciones

lesson-card = Lección
lesson-close = Cerrar
lesson-close-tip = Oculta la tarjeta de la lección (el escenario se queda)
lesson-of = Lección { $n } de { $total }
lesson-next = Lección siguiente
lesson-prev = Lección anterior
lesson-ravine-title = Barrancos y momentum
lesson-ravine-text = La α del SGD no puede pasar de 2/λmax = 0.02 sin que la dirección empinada explote: con α = 0.019 cruza el valle de pared a pared en cada paso y avanza muy despacio por el fondo. Momentum, en la forma del curso, avanza según v, un promedio de los gradientes recientes: a lo ancho del valle cambian de signo y se anulan; a lo largo del fondo coinciden y se suman. Esa amortiguación permite a momentum (β = 0.5) usar α = 0.05, 2.5 veces la del SGD, y seguir estable (necesita α·(1−β)·λmax < 2·(1+β), aquí α < 0.06): su zigzag se apaga en pocos pasos y se desliza hasta el mínimo. Selecciona el optimizador con momentum y mueve lr α y β (momentum). Observa: las comprobaciones de abajo; β hacia 0.9 con esta α hace que la trayectoria dé vueltas (más inercia, se pasa de largo), y α de nuevo en 0.019 hace a momentum más lento que el SGD, porque su paso por el fondo es α·(1−β) por gradiente.
lesson-noisy-title = Gradientes ruidosos
lesson-noisy-text = Aquí cada gradiente lleva ruido aleatorio, como en un minilote. Sube y baja ruido σ en la sección Ejecución. Observa: la trayectoria del SGD temblando alrededor del mínimo y su curva de pérdida gruesa, mientras momentum y Adam promedian el ruido. Después baja la tasa α del SGD y mira cómo se reduce el temblor.
lesson-scales-title = Escalas distintas por parámetro
lesson-scales-text = El cuenco es 100 veces más empinado en un eje que en el otro. Mueve λ2 (curvatura v) en la sección Superficie. Observa: el SGD avanza a paso de tortuga por el eje plano (su α la limita el empinado) mientras RMSProp y Adam dan pasos parecidos en ambos. Luego pon ángulo (°) a 45 y mira cómo se desvanece la ventaja por eje.
lesson-adam-title = La corrección de sesgo de Adam
lesson-adam-text = Las medias m y v de Adam empiezan en cero; la corrección de sesgo las agranda en los primeros pasos. Selecciona Adam y mueve β2 (memoria de g²) entre 0.9 y 0.999. Observa: el tamaño de los primeros pasos en el paisaje (pulsa Reiniciar y luego Paso para avanzar de uno en uno). Compara con AdamW: el decaimiento de pesos acerca el punto final al origen. La ejecución gris es Adam sin corrección de sesgo (m y v tal cual): su primer paso es (1−β1)/√(1−β2) ≈ 3.16 veces más largo; la comprobación de abajo lo mide.
lesson-warmup-title = Calentamiento y decaimiento coseno
lesson-warmup-text = Dos ejecuciones de SGD comparten la tasa máxima α = 1 y un decaimiento coseno; una se calienta durante 20 pasos. Las paredes de este cuenco son empinadas lejos del centro (curvatura de unos 30 al inicio) y suaves en el fondo (curvatura 1): α = 1 va bien en el fondo, pero un primer paso de tamaño completo desde el inicio saca la ejecución fuera y diverge. El calentamiento mantiene pequeños los primeros pasos mientras las paredes son empinadas. Abre Programa de α (todos) y baja calentamiento (pasos) hasta 0, o baja lr α. Observa: la gráfica de la tasa subiendo, y la ejecución sin calentamiento saliendo de la imagen en el paso 3.
lesson-schedules-title = Decaimiento por escalones
lesson-schedules-text = Dos ejecuciones de SGD en un cuenco ruidoso: una divide α por 10 en los pasos 100 y 200, la otra la mantiene constante. Abre Programa de α (todos) y mueve γ (factor por hito), o cambia el programa a coseno. Observa: en la gráfica de pérdida, cómo se calma el temblor cada vez que baja α, mientras la ejecución constante sigue ruidosa.
lesson-plateau-title = Parada temprana y mesetas
lesson-plateau-text = Los datos de validación no coinciden con los de entrenamiento, así que la pérdida de validación vuelve a subir mientras la de entrenamiento sigue bajando. Abre Parada temprana y mueve paciencia (evals). Observa: los puntos de validación en la gráfica de pérdida, dónde se detiene la ejecución y cómo restaurar el mejor la devuelve al punto de validación más bajo.
lesson-reading-title = Leer una curva de pérdida
lesson-reading-text = Tres ejecuciones de SGD que solo difieren en la tasa α: roja demasiado alta, morada demasiado baja, verde adecuada. Lee la gráfica de pérdida antes que el paisaje. Observa: una curva que se dispara o tiene picos (α demasiado alta), una línea casi plana (α demasiado baja), una bajada recta y constante en el eje logarítmico (sana). El Diagnóstico de la derecha dice lo mismo con palabras: pasa el ratón sobre un hallazgo. Luego mueve la tasa α de la ejecución verde y mira cómo cambia la forma de su curva.
lesson-lr-high-title = Una tasa de aprendizaje demasiado alta
lesson-lr-high-text = En este cuenco el SGD solo es estable si α < 2/λ = 0.1, y aquí α = 0.12. Baja la tasa α poco a poco por debajo de 0.1. Observa: la trayectoria pasando de explotar a zigzaguear y a asentarse, y la gráfica de pérdida pasando de subir a bajar.

## Vistas para el aula: superficie 3-D, indicadores en el cabezal, trayectorias fantasma, barridos

section-playhead = En el cabezal
view3d-toggle = 3-D
view3d-toggle-tip = Muestra la superficie de pérdida como un paisaje 3-D que puedes girar (tecla 3). Mismo cabezal y mismo punto señalado que el mapa.
view3d-label = Superficie 3-D, paso { $step } de { $end }
view3d-title = { $surface } en 3-D · paso { $step } / { $end }
view3d-hint = Arrastra para girar · doble clic para restablecer · 3 vuelve al mapa
view3d-loss-axis = pérdida
overlay-arrows = flechas
overlay-arrows-tip = En el cabezal: flecha blanca = −g (menos el gradiente), cuesta abajo; flecha de color = hacia donde la velocidad (el momento) lleva el punto
overlay-legend-gradient = −g: cuesta abajo
overlay-legend-velocity = velocidad / momento (color de la ejecución)
legend-drag-tip = Qué color es cada ejecución. Arrástrala a cualquier lugar del mapa; ocúltala en el menú Ver (Leyendas sobre el paisaje).
overlay-legend-tip = Flechas en el punto actual de cada trayectoria. Blanca: menos el gradiente que usa el siguiente paso, la bajada más empinada (su longitud es fija: solo cuenta la dirección). De color: menos la velocidad o el momento m, hacia donde la inercia lleva θ; su longitud es relativa a la del gradiente (más larga = más inercia que pendiente).
overlay-step = paso { $step }
overlay-gradient = |g| = { $norm }   tasa = { $lr }
overlay-gradient-tip = El tamaño del gradiente que usa el siguiente paso y la tasa de aprendizaje de ese paso
overlay-velocity = |velocidad| = { $norm }
overlay-velocity-tip = El tamaño de la velocidad o del promedio de momento m: sigue empujando θ incluso donde la pendiente es pequeña
overlay-effective = α/(√s+ε):  x = { $x },  y = { $y }
overlay-effective-adam = α/(√v̂+ε):  x = { $x },  y = { $y }
overlay-effective-adamax = α/((1−β1^t)·u):  x = { $x },  y = { $y }
overlay-effective-tip = El tamaño de paso efectivo en cada eje: la tasa de aprendizaje dividida por el tamaño reciente de los gradientes de ese eje. Un eje empinado recibe un paso pequeño; uno plano, un paso grande.
overlay-bars-tip = El paso efectivo en x y en y, lado a lado: la barra más larga es el eje que da los pasos más grandes
overlay-lr-bound = El SGD diverge por encima de la tasa = 2/λmax = { $bound }
ghost-toggle = trayectoria anterior
ghost-toggle-tip = Al mover un deslizador, la trayectoria de antes del cambio se queda, discontinua y atenuada, para poder comparar
ghost-label = antes
sweep-lr = Barrer tasa
sweep-lr-tip = Sustituye el optimizador elegido por tres copias con ×0.3, ×1 y ×3 su tasa de aprendizaje, dibujadas a la vez
sweep-beta = Barrer { $name }
sweep-beta-tip = Sustituye el optimizador elegido por tres copias con su tasa de momento/memoria en 0.5, 0.9 y 0.99
sweep-beta-none = Este optimizador no tiene β que barrer
preset-rosenbrock-valley = El valle de Rosenbrock, con pasos suficientes para llegar: momentum alcanza (1, 1), Adam casi, RMSProp aún se arrastra
claims-heading = Lo que muestran las ejecuciones
claim-broken = ahora no se cumple
claim-never = nunca
claim-reaches-sooner = { $fast } baja de { $target } en { $fast_steps } pasos, { $slow } en { $slow_steps } (la lección: como mucho el { $ratio } de los pasos)
claim-steadier-tail = Último { $part } de los pasos: { $better } { $better_mean } ± { $better_std }, { $than } { $than_mean } ± { $than_std } (la lección: más baja y más estable)
claim-tail-mean = Último { $part } de los pasos: { $a } promedia { $a_mean }, { $b } { $b_mean } (la lección: como mucho el { $ratio })
claim-ends-lower = { $a } termina en { $a_final }, { $b } en { $b_final } (la lección: más bajo)
claim-ends-near = { $run } termina a { $distance } de { $point } (la lección: a menos de { $bound })
claim-turns-back = { $a } da media vuelta en el { $a_share } de sus pasos, { $b } en el { $b_share } (la lección: al menos { $ratio }× más a menudo)
claim-first-step = Primer paso: { $a } { $a_step }, { $b } { $b_step } (la lección: al menos { $ratio }×)
claim-mark-holds = •
claim-mark-fails = ×
preset-es-plateau = Parada temprana y un programa de meseta juntos: la paciencia de la meseta debe ser la menor, o la ejecución para antes del recorte
lesson-es-plateau-title = Parada temprana con un programa de meseta
lesson-es-plateau-text = Las dos ejecuciones de SGD usan α = 0.1, justo en el límite 2/λ de la dirección empinada: tras un buen comienzo rebotan de pared a pared y la pérdida de validación se estanca. La parada temprana espera 10 evaluaciones; un programa de meseta divide α entre 2 tras su propia paciencia. La roja espera 20 evaluaciones: la parada temprana llega antes y el recorte nunca ocurre. La azul espera 5: el recorte llega primero, el rebote se acaba y la pérdida de validación baja mucho más. El consejo del curso: dale a la parada temprana más paciencia que al programador. Abre Parada temprana y el programa de la ejecución azul, y mueve las dos paciencias. Observa: las comprobaciones de abajo y dónde para cada ejecución en la gráfica de pérdida.
claim-best-val = Mejor pérdida de validación: { $a } { $a_best }, { $b } { $b_best } (la lección: como mucho el { $ratio })
claim-never-cut = { $run } paró en el paso { $stopped_at } sin que α se recortara nunca (la lección: el recorte no llegó)
menu-export-svg = Exportar SVG…
menu-export-svg-tip = La misma figura en vectores, para diapositivas y artículos: nítida a cualquier tamaño
menu-controls = Controles
menu-controls-tip = Muestra u oculta el panel lateral con los ajustes de superficie, optimizadores y programa
menu-legends = Leyendas sobre el paisaje
menu-legends-tip = Muestra las claves de las trayectorias y las flechas sobre el paisaje (colocadas donde tapan menos puntos; arrastra una clave para moverla)
menu-loss-panel = Panel de pérdida
menu-loss-panel-tip = Muestra las curvas de pérdida y el diagnóstico bajo el paisaje
legends = leyendas
dialog-svg = Imagen SVG
dialog-gif = Animación GIF
dialog-csv = Tabla CSV
dialog-json = Archivo JSON
dialog-py = Script de Python
menu-export-pytorch = Exportar como código PyTorch…
menu-export-pytorch-tip = Un script de Python comentado y listo para ejecutar que reconstruye este escenario en PyTorch —la misma superficie, el mismo ruido y los mismos datos— y ejecuta cada optimizador con las clases de optimizador y de planificador del propio torch, como `gradscape export --to pytorch`
picker-open-title = Abrir
picker-save-title = Guardar como
picker-open = Abrir
picker-save = Guardar
picker-cancel = Cancelar
picker-new-folder = Nueva carpeta
picker-new-folder-name = Nueva carpeta
picker-rename = Renombrar
picker-refresh = Actualizar
picker-parent = Carpeta superior
picker-file = Archivo:
picker-hidden = Mostrar ocultos
export-title-png = Exportar PNG
export-title-svg = Exportar SVG
export-title-gif = Exportar GIF
export-what-png = La figura en el cabezal: título, ejes, barra de color y leyenda.
export-what-svg = La figura en el cabezal en vectores: título, ejes, barra de color y leyenda.
export-what-gif = Las ejecuciones animadas del paso 0 al final; el texto crece con el tamaño.
export-size = Tamaño
export-frames = Cuadros
export-with-loss = Curvas de pérdida junto al paisaje
export-with-loss-tip = Dibuja las curvas de pérdida a la derecha del paisaje, como `gradscape render --with-loss`
export-choose = Guardar…
loss-tab-all = Todas
loss-tab-grad = Norma del gradiente
loss-fold = Ocultar
loss-fold-tip = Pliega el panel de pérdida para dar más sitio al paisaje (Ver > Panel de pérdida lo devuelve)
loss-unfold = Mostrar las curvas de pérdida y el diagnóstico
loss-unfold-tip = Vuelve a mostrar las curvas de pérdida y el diagnóstico
loss-folded-hint = El panel de pérdida está plegado.
loss-key-train = entrenamiento
loss-key-val = validación
plot-log-off = Hay pérdidas de 0 o menos: el eje es lineal (un eje logarítmico no puede mostrarlas).
axis-loss = pérdida
axis-lr = α
axis-grad = |g|
start-title = Empieza aquí
start-text = Gradscape muestra optimizadores bajando por una superficie de pérdida: los colores son la pérdida (amarillo alta, morado baja) y las líneas, las trayectorias. La primera lección está cargada en el paso 0.
start-play = Reproducir la primera lección
start-close = Cerrar
start-hint = Espacio reproduce y pausa; el menú Lecciones tiene las siguientes.
status-finished-huge = terminó con una pérdida enorme
status-finished-higher = terminó muy por encima del inicio
landscape-pending = Calculando las nuevas ejecuciones… (las trayectorias mostradas son de los ajustes anteriores)
diagnosis-at-step = Diagnóstico hasta el paso { $step }
diagnosis-pending = Diagnóstico (esperando a que los ajustes reposen…)
msg-ok = Vale
diagnosis-too-early = Diagnóstico: aún hay pocos pasos, sigue reproduciendo
scene-diverged = divergió en el paso { $step }
scene-stopped = parada temprana en el paso { $step }
scene-linreg = { $name }: ECM de w·ξ + b ({ $points } puntos, lote { $batch })
scene-step-decay = decaimiento por escalones ×{ $gamma } en { $milestones }
scene-exponential-decay = decaimiento exponencial ×{ $gamma } por paso
scene-cosine-decay = decaimiento coseno en { $steps } pasos
scene-plateau-decay = reducción en meseta ×{ $factor }
scene-constant-rate = tasa constante
scene-warmup = calentamiento de { $steps } pasos
scene-warmup-then = calentamiento { $steps } + { $decay }
scene-steps = { $steps } pasos
scene-noise = ruido del gradiente σ = { $sigma }
scene-early-stopping = parada temprana
scene-step-counter = paso { $step } / { $total }
surface-title-quadratic = Cuadrática
surface-title-rosenbrock = Rosenbrock
surface-title-beale = Beale
surface-title-himmelblau = Himmelblau
surface-title-rastrigin = Rastrigin
surface-title-ackley = Ackley
surface-title-saddle = Silla x² + y⁴/4 − y²/2
surface-title-styblinski_tang = Styblinski–Tang
surface-title-booth = Booth
surface-title-linreg = Ajuste de una recta
surface-title-custom = f(x, y) =
bias-correction = corrección de sesgo
bias-correction-tip = Divide m y v entre (1 − β^t): empiezan en cero, así que sin ella los primeros pasos usan promedios demasiado pequeños. Sin corrección, el primer paso mide (1−β1)/√(1−β2) veces el corregido (unas 3.16 veces con β1 = 0.9 y β2 = 0.999).

## Problemas de un archivo de escenario (core entrega un id y sus argumentos)
scn-at = línea { $line }, columna { $column }:
scn-empty-file = el archivo está vacío
scn-link-base64 = el enlace está dañado: no es texto base64url (¿se cortó o cambió?)
scn-link-deflate = el enlace está dañado: sus datos no se descomprimen (¿se cortó?)
scn-link-too-large = el enlace contiene más de un megabyte de escenario
scn-link-utf8 = el escenario del enlace no es texto UTF-8
scn-json = { $detail }
scn-json-object = { $detail }; se esperaba un objeto JSON {"{"}…{"}"}
scn-json-object-file = { $detail }; se esperaba un objeto JSON {"{"}"surface": …, "start": …, "optimizers": …{"}"}
scn-pair = se esperaban 2 números, [a, b]
scn-pair-got = se esperaban 2 números, [a, b] (hay { $got })
scn-at-least = debe ser al menos { $min }
scn-at-most = debe ser como mucho { $max } (vale { $got })
scn-not-finite = debe ser un número finito (vale { $got })
scn-not-number = debe ser un número (vale { $got })
scn-not-flag = debe ser true o false (vale { $got })
scn-positive = debe ser > 0 (vale { $got })
scn-non-negative = debe ser ≥ 0 (vale { $got })
scn-null-or-positive = debe ser null o > 0 (vale { $got })
scn-unit = debe estar en [0, 1) (vale { $got })
scn-unit-or-null = debe estar en [0, 1), o null para ninguno (vale { $got })
scn-open-unit = debe estar en (0, 1) (vale { $got })
scn-unknown-kind = tipo desconocido '{ $kind }' (conocidos: { $known })
scn-not-a-field = no es un campo de { $kind } (sus campos son { $fields })
scn-not-a-field-none = no es un campo de { $kind } (no tiene parámetros)
scn-no-optimizer = necesita al menos un optimizador
scn-color = debe ser "#rrggbb" (vale "{ $got }")
scn-cosine-total = es obligatorio en un programa coseno
scn-total-after-warmup = debe ser mayor que warmup_steps ({ $warmup }) (vale { $got })
scn-view-order = { $axis }min debe ser menor que { $axis }max (hay [{ $lo }, { $hi }])
scn-view-bound = debe estar dentro de ±{ $bound } para poder dibujarse (hay [{ $lo }, { $hi }])
scn-view-span = el intervalo { $span } es demasiado pequeño para dibujarlo (al menos { $min } y { $rel } de la mayor coordenada; hay [{ $lo }, { $hi }])
scn-expr-required = es obligatorio en una superficie personalizada, p. ej. "x^2 + 10*y^2"
scn-expr-unexpected = '{ $token }' inesperado en la posición { $position }
scn-expr-bad-number = número mal escrito '{ $token }' en la posición { $position }
scn-expr-ends-early = la expresión termina antes de tiempo (posición { $position })
scn-expr-expected-close = se esperaba ')', pero hay '{ $token }' en la posición { $position }
scn-expr-expected-close-end = se esperaba ')', pero la expresión termina (posición { $position })
scn-expr-expected-call = se esperaba '(' tras la función { $name }, pero hay '{ $token }' en la posición { $position }
scn-expr-expected-call-end = se esperaba '(' tras la función { $name }, pero la expresión termina (posición { $position })
scn-expr-unknown-name = variable desconocida '{ $name }' en la posición { $position } (usa x e y; las constantes pi y e; las funciones sin cos tan exp ln log sqrt abs tanh)
scn-expr-too-long = la expresión es demasiado larga: más de { $max } operaciones encadenadas (posición { $position })
scn-expr-too-deep = la expresión anida más de { $max } niveles (posición { $position })
scn-data-required = es obligatorio con datos explícitos (una lista de pares [ξ, η])
scn-not-empty = no puede estar vacío
scn-count-range = debe estar entre 1 y { $max } (vale { $got })
scn-warn-es-patience = la paciencia de la parada temprana ({ $es }) no es mayor que la del programa por meseta ({ $plateau }): la ejecución podría detenerse justo antes de que la tasa más baja ayude

## Archivos que no se pueden leer, y registros de entrenamiento (core entrega ids y argumentos)
scn-text-io = no se puede leer: { $detail }
scn-text-folder = no se puede leer: es una carpeta
scn-text-too-big-log = el archivo ocupa más de { $mib } MiB, lo máximo para un registro
scn-text-too-big-scenario = el archivo ocupa más de { $mib } MiB, lo máximo para un escenario
scn-text-binary = el registro no es un CSV de texto (contiene datos binarios)
scn-text-utf16 = el archivo es texto UTF-16 con un carácter no válido en el byte { $byte }; guárdalo como UTF-8
scn-text-utf8 = línea { $line }: no es texto UTF-8 (byte no válido en el byte { $byte }); guarda el archivo como UTF-8
scn-text-utf8-log = línea { $line }: el texto no es UTF-8 válido (byte { $byte }); guarda el registro como UTF-8
scn-log-not-utf8 = el texto no es UTF-8 válido (byte { $byte }); guarda el registro como UTF-8
scn-log-mlflow-many = aquí hay { $n } ejecuciones de MLflow: se esperaba una; indica la carpeta de la ejecución
scn-log-none-in-dir = no hay ningún registro de entrenamiento en esta carpeta: se esperaba metrics.csv, trainer_state.json, events.out.tfevents.*, la carpeta metrics/ de una ejecución de MLflow o un único .csv
scn-log-none-in-dir-csvs = no hay ningún registro de entrenamiento en esta carpeta ({ $n } archivos CSV; indica uno): se esperaba metrics.csv, trainer_state.json, events.out.tfevents.*, la carpeta metrics/ de una ejecución de MLflow o un único .csv
scn-log-hf-json = se esperaba un trainer_state.json de Hugging Face (JSON): { $detail }
scn-log-hf-no-history = no hay lista log_history: se esperaba un trainer_state.json de Hugging Face
scn-log-hf-not-object = se esperaba un objeto, hay { $found }
scn-log-mlflow-not-in-run = no está en una ejecución de MLflow: se esperaba un archivo en mlruns/<experimento>/<ejecución>/metrics/
scn-log-mlflow-no-metrics = no hay archivos de métricas: se esperaba un archivo por métrica
scn-log-mlflow-bad-line = se esperaba 'timestamp value step' (números separados por espacios), hay '{ $found }'
scn-log-tb-no-scalars = no hay resúmenes escalares: se esperaban archivos de eventos de TensorBoard con escalares
scn-log-several = { $n } archivos: se esperaba un registro, o los archivos de métricas de una ejecución de MLflow elegidos juntos (mlruns/<experimento>/<ejecución>/metrics/*, cada línea 'marca_de_tiempo valor paso')
scn-log-tb-truncated-header = cortado: se esperaba una cabecera TFRecord de 12 bytes
scn-log-tb-length-crc = la suma de comprobación de la longitud no coincide: se esperaba un TFRecord (archivo de eventos de TensorBoard)
scn-log-tb-truncated-data = cortado: se esperaban { $len } bytes de datos y una suma de comprobación, el archivo tiene { $has }
scn-log-tb-data-crc = la suma de comprobación de los datos no coincide
scn-log-tb-not-event = se esperaba un mensaje Event de TensorFlow: { $detail }
scn-log-wandb-no-step = no hay columna Step: se esperaba una exportación CSV de Weights & Biases (Step, <ejecución> - <métrica>)
log-loc-line = línea { $line }
log-loc-line-column = línea { $line }, columna { $column }
log-loc-entry = entrada { $entry } de log_history
log-loc-record = registro { $record } (byte { $byte })
log-err-empty = el registro está vacío
log-err-no-rows = el registro tiene una fila de cabecera pero ninguna de datos
log-err-no-train = no hay columna de pérdida de entrenamiento: se esperaba train_loss, training_loss, loss o un nombre dado con --train (la cabecera tiene: { $found })
log-err-separator = ; el separador debe ser una coma, un punto y coma o un tabulador
log-err-no-such-column = no hay columna '{ $name }' (dada con --{ $role }); el registro tiene: { $found }
log-err-ragged = línea { $line }: { $found } celdas donde la cabecera tiene { $expected }
log-err-bad-number = { $at }: no se puede leer '{ $text }' de la columna { $column } como número
log-err-csv = línea { $line }: { $detail }
preset-adam-epsilon = La ε de Adam: cuando ε es mucho mayor que √v̂, el paso de Adam es α·m̂/ε, SGD con momentum a tasa α/ε, y la escala por eje desaparece
lesson-epsilon-title = La ε de Adam: demasiado grande convierte Adam en momentum
lesson-epsilon-text = Adam divide el paso de cada eje por √v̂ + ε. Con la ε habitual de 1e-8 manda la parte √v̂, así que los dos ejes de este cuenco (100 veces más empinado en y) avanzan a un ritmo parecido. Aquí los gradientes son menores que 1, así que con ε = 1 manda ε: el paso es α·m̂/(√v̂ + ε) ≈ α·m̂/ε, el paso de momentum con tasa α/ε, y el efecto adaptativo se pierde. El Adam gris (ε = 1, α = 1) y el momentum azul (α = 1) recorren casi el mismo camino y se arrastran por el eje plano, mientras el Adam naranja (ε = 1e-8) llega pronto. Selecciona el Adam gris y baja ε hacia 1e-8 (bajando α con ella). Fíjate en: las comprobaciones de abajo, y en cómo el camino gris se separa del azul.
claim-steps-alike = { $a } baja de { $target } en { $a_steps } pasos, { $b } en { $b_steps } (la lección: a menos de un { $tol } entre sí)
claim-not-worst = Último { $part } de los pasos: { $run } promedia { $mean }, el peor ({ $worst }) { $worst_mean } (la lección: no es el peor)
predict-heading = Primero, predice
predict-first-below = Antes de que corran: ¿qué optimizador baja primero su pérdida de { $target }?
predict-pick = Mi apuesta: { $run }
predict-pick-tip = Tu predicción: luego las ejecuciones corren desde el principio y la tarjeta la comprueba
predict-waiting = Tu predicción: { $guess }. Mira las ejecuciones…
predict-right = Correcto: { $winner } llegó primero, en el paso { $step }.
predict-wrong = Esta vez no: dijiste { $guess }, pero { $winner } llegó primero, en el paso { $step }.
predict-nobody = Ninguna ejecución llegó en estos pasos (dijiste { $guess }).
predict-again = Preguntar de nuevo
preset-which-optimizer = Qué optimizador cuándo, un baseline general: SGD, momentum, RMSProp y Adam con una misma α = 0.05 sobre la superficie de Himmelblau
preset-which-optimizer-ravine = Qué optimizador cuándo, una ravina: los cuatro con α = 0.05 en un valle 100 veces más empinado de través que a lo largo
preset-which-optimizer-noisy = Qué optimizador cuándo, gradientes muy ruidosos: los cuatro con α = 0.05 en un cuenco cuyos gradientes llevan ruido σ = 3
lesson-which-optimizer-title = Qué optimizador cuándo
lesson-which-optimizer-text = La regla práctica del curso: para un baseline general y rápido, Adam (robusto al ruido y a escalas distintas); para una superficie con ravinas y zigzag evidente, momentum o Adam (aceleran en las direcciones que se mantienen); para gradientes muy ruidosos (mini-batches pequeños), RMSProp o Adam (dividen por el tamaño reciente del gradiente, lo que estabiliza el paso). Aquí los cuatro optimizadores comparten una α = 0.05 y dejan todo lo demás en sus valores por defecto, como un primer intento sin ajustar. Elige cada situación abajo. Fíjate en: las comprobaciones; Adam con sus valores por defecto nunca es el peor, y las opciones de la tabla superan al SGD simple donde la tabla lo dice.
lesson-which-optimizer-stage-0 = Baseline general
lesson-which-optimizer-stage-0-text = La superficie de Himmelblau desde (0, 0): el paso de SGD es α por el gradiente, así que en las paredes empinadas crece y la ejecución explota; el paso de Adam apenas depende del tamaño del gradiente.
lesson-which-optimizer-stage-1 = Ravina
lesson-which-optimizer-stage-1-text = Un valle estrecho, 100 veces más empinado de través que a lo largo: α = 0.05 supera el límite del SGD simple, 2/λmax = 0.02, y diverge; momentum promedia el vaivén a través del valle y llega primero.
lesson-which-optimizer-stage-2 = Gradientes muy ruidosos
lesson-which-optimizer-stage-2-text = Cada gradiente lleva ruido (σ = 3): SGD y momentum siguen temblando en el fondo, mientras RMSProp y Adam reducen el paso según el tamaño reciente del gradiente y se asientan más abajo y más estables.
claim-diagnosed = { $run }: el diagnóstico encuentra «{ $pattern }»
preset-lr-protocol = Protocolo de LR, paso 1: unos pasos de SGD con α = 0.22 en un cuenco que solo es estable por debajo de α = 0.2; lee la pérdida de entrenamiento
preset-lr-protocol-lower = Protocolo de LR, paso 2: la pérdida explotó, así que α ÷ 10 (antes y después)
preset-lr-protocol-raise = Protocolo de LR, paso 3: la pérdida está casi plana, así que α × 3 (antes y después)
preset-lr-protocol-schedule = Protocolo de LR, paso 4: estable, así que una ejecución más larga y ruidosa con programa coseno y parada temprana (antes y después)
lesson-lr-protocol-title = Ajustar el learning rate en cuatro pasos
lesson-lr-protocol-text = El mini-protocolo del curso para α: (1) entrena unas pocas épocas y mira la pérdida de entrenamiento; (2) si oscila o diverge, divide α entre 10 o añade warmup; (3) si está casi plana, multiplica α por 2–3; (4) cuando sea estable, añade un programa de α y parada temprana. Aplica cada paso con los botones de abajo: cada paso muestra la ejecución de antes (el resultado del paso anterior) y la de después, y el panel de Diagnóstico da a cada una su veredicto, el que pide el paso siguiente.
lesson-lr-protocol-stage-0 = 1. Mirar
lesson-lr-protocol-stage-0-text = Treinta pasos de SGD con α = 0.22. La dirección empinada del cuenco tiene λmax = 10, así que SGD solo es estable con α < 2/10 = 0.2: la pérdida de entrenamiento crece y el veredicto es «Tasa demasiado alta».
lesson-lr-protocol-stage-1 = 2. α ÷ 10
lesson-lr-protocol-stage-1-text = Antes: α = 0.22, explotando. Después: α = 0.022. Ya no explota, pero la pérdida apenas baja en la dirección plana (λ = 0.2): el veredicto ahora es «Tasa demasiado baja».
lesson-lr-protocol-stage-2 = 3. α × 3
lesson-lr-protocol-stage-2-text = Antes: α = 0.022, casi plana. Después: α = 0.066, el triple y todavía lejos del límite 0.2 (α·λmax = 0.66): la pérdida baja de forma constante y el veredicto es «Sano».
lesson-lr-protocol-stage-3 = 4. Programa + parada temprana
lesson-lr-protocol-stage-3-text = Una ejecución más larga cuyos gradientes llevan ruido, con parada temprana (paciencia de 30 evaluaciones, restaurando el mejor punto). Antes: α = 0.066 constante, que sigue temblando en el fondo. Después: la misma α con decaimiento coseno, cuyos pasos cada vez menores se asientan más abajo.
claim-ema-steadier = Último { $part } de las evaluaciones, pérdida de validación de { $run }: pesos tal cual { $raw_mean } ± { $raw_std }, pesos promediados { $ema_mean } ± { $ema_std } (la lección: dispersión como mucho el { $ratio })
preset-ema-weights = Validación ruidosa en un ajuste de recta con mini-batches de 4: una media móvil exponencial de los pesos (ema_decay 0.95) recorre su propio camino, más tranquilo
lesson-ema-title = Promediar los pesos (EMA)
lesson-ema-text = Mini-batches de 4 puntos dan gradientes ruidosos, así que los pesos de SGD no paran de saltar alrededor de la mejor recta y la pérdida de validación oscila de una evaluación a otra. El remedio del curso: llevar una media móvil exponencial de los pesos, θ̄ := d·θ̄ + (1−d)·θ, con d = ema_decay = 0.95, y evaluar esa. Los pasos de entrenamiento nunca la usan; es un camino más tranquilo por sí mismo, dibujado junto a la ejecución, y su pérdida de validación se dibuja junto a la original. Fíjate en: las comprobaciones de abajo y las dos curvas de validación en el gráfico de pérdida. Luego sube el tamaño de batch en la sección Superficie: con menos ruido la curva original también se calma y las dos se juntan. (ema_decay se fija en el archivo del escenario.)
overlay-legend-full-batch = −g con todos los puntos de entrenamiento (batch completo)
overlay-legend-minibatch = −g de cada mini-batch (tamaño de batch en la sección Superficie)
overlay-minibatch = mini-batches de { $size }: sus gradientes se apartan { $spread } de media del |g| del batch completo = { $full }
overlay-minibatch-tip = Con las flechas activadas, el mapa muestra −g de cada mini-batch (finas) frente a −g del batch completo (amarilla). Sube el tamaño de batch en la sección Superficie y verás cómo se juntan.

## Títulos de los ejemplos (el menú Ejemplos; el nombre que toma `--preset` va en la ayuda)
preset-title-ravine-momentum = Barranco: SGD frente a momentum
preset-title-rosenbrock = El valle en forma de plátano de Rosenbrock
preset-title-rosenbrock-valley = El valle de Rosenbrock, hasta el final
preset-title-noisy-quadratic = Gradientes ruidosos en un cuenco
preset-title-per-parameter-scales = Escalas distintas por parámetro
preset-title-saddle-escape = Escapar de un punto de silla
preset-title-warmup-cosine = Calentamiento + coseno
preset-title-step-decay = Decaimiento por escalones
preset-title-plateau-early-stopping = Programa por meseta + parada temprana
preset-title-es-plateau = Parada temprana frente al recorte por meseta
preset-title-lr-too-high = Tasa de aprendizaje demasiado alta
preset-title-lr-too-low = Tasa de aprendizaje demasiado baja
preset-title-himmelblau-minima = Los cuatro mínimos de Himmelblau
preset-title-rastrigin-local-minima = Rastrigin: mínimos locales
preset-title-reading-loss-curves = Leer una curva de pérdida
preset-title-adam-bias-correction = La corrección de sesgo de Adam
preset-title-adam-epsilon = El ε de Adam
preset-title-which-optimizer = Qué optimizador: caso general
preset-title-which-optimizer-ravine = Qué optimizador: un barranco
preset-title-which-optimizer-noisy = Qué optimizador: gradientes muy ruidosos
preset-title-lr-protocol = Protocolo de tasa, paso 1: observar
preset-title-lr-protocol-lower = Protocolo de tasa, paso 2: ÷10
preset-title-lr-protocol-raise = Protocolo de tasa, paso 3: ×3
preset-title-lr-protocol-schedule = Protocolo de tasa, paso 4: programa + parada temprana
preset-title-ema-weights = Media móvil de los pesos
preset-menu-tip = { $description } (en la línea de órdenes: --preset { $name })
landscape-label = Paisaje
surface-pick-custom = Tu propia f(x, y)
## Ajuste: la prueba de rango de la tasa de aprendizaje y la comparación justa
menu-tuning = Ajuste
menu-tuning-tip = Herramientas para elegir los ajustes: una prueba de rango de la tasa de aprendizaje y una comparación justa de los optimizadores
menu-lr-find = Prueba de rango de lr…
menu-lr-find-tip = Hace crecer exponencialmente la tasa de aprendizaje del optimizador seleccionado durante una ejecución corta y dibuja la pérdida frente a ella, con tres tasas sugeridas (como hace lr_find de fastai)
menu-compare = Comparación justa…
menu-compare-tip = Ajusta la tasa de aprendizaje de cada optimizador con la misma rejilla y el mismo presupuesto de pasos, y luego dice si el ganador es mejor o solo está mejor ajustado
lrfind-title = Prueba de rango de la tasa de aprendizaje
lrfind-intro = { $optimizer }: la tasa crece de { $from } a { $to } en { $steps } pasos desde el punto de partida. La curva gruesa es la pérdida suavizada como la suaviza fastai; la fina es la pérdida tal cual.
lrfind-from = desde
lrfind-from-tip = La tasa del primer paso. Empieza muy por debajo de cualquier tasa que pueda funcionar.
lrfind-to = hasta
lrfind-to-tip = La tasa del último paso. Termina muy por encima de la tasa en la que la pérdida se dispara.
lrfind-steps = pasos
lrfind-steps-tip = Cuántos pasos tarda la tasa en crecer de un extremo al otro: más pasos, una curva más suave.
lrfind-wider = Más amplio
lrfind-wider-tip = Una década más por cada lado
lrfind-narrower = Más estrecho
lrfind-narrower-tip = Una década menos por cada lado
lrfind-reset = Restablecer
lrfind-stopped = Se detuvo en el paso { $step }: la pérdida se disparó (más de 4 veces su valor más bajo).
lrfind-axis-lr = tasa de aprendizaje (escala logarítmica)
lrfind-axis-loss = pérdida (suavizada)
lrfind-steepest = Máxima pendiente
lrfind-steepest-tip = donde la pérdida baja más deprisa al crecer la tasa: una tasa atrevida que aún aprende rápido
lrfind-minimum = Mínimo ÷ 10
lrfind-minimum-tip = la tasa del punto más bajo de la pérdida, dividida entre 10: en el punto más bajo la pérdida está a punto de dispararse, así que se retrocede un factor 10
lrfind-valley = Valle
lrfind-valley-tip = la opción por defecto de fastai: dentro del tramo más largo en el que la pérdida no deja de bajar, a una parte del descenso
lrfind-use = Usar
lrfind-current = lr actual
lrfind-none = La curva es demasiado corta para sugerir una tasa: la pérdida se disparó casi enseguida.
lrfind-applied = lr α de { $optimizer } puesto a { $lr } ({ $rule })
compare-title = Comparación justa
compare-intro = Todos los optimizadores tienen los mismos { $budget } pasos y las mismas { $n } tasas de aprendizaje, de { $from } a { $to }; cada uno se queda con la que termina más abajo.
compare-capped = El presupuesto se reduce a { $budget } pasos por ejecución para que vaya rápido (el escenario tiene { $steps }).
compare-second = Ajustar también β, μ o β1 (0, 0,5, 0,9, 0,99)
compare-col-optimizer = Optimizador
compare-col-given = Tal como está
compare-col-tuned = Ajustado
compare-cell = lr { $lr }, pérdida { $loss }
compare-diverged = diverge
compare-apply = Aplicar
compare-apply-tip = Dar a este optimizador sus ajustes afinados y seleccionarlo
compare-verdict-better = { $winner } gana con los ajustes tal como están y sigue ganando cuando se ajustan todos los optimizadores: aquí es mejor, no solo está mejor ajustado.
compare-verdict-better-tuned = { $given } gana con los ajustes tal como están, pero cuando se ajustan todos los optimizadores { $tuned } termina más abajo ({ $tuned_loss } frente a { $given_loss }): { $given } estaba mejor ajustado, no era mejor.
compare-verdict-tie = Una vez ajustados, { $first } y { $second } terminan a menos de un 0,1 % del descenso el uno del otro ({ $first_loss } y { $second_loss }): aquí ninguno es mejor; la diferencia venía de los ajustes.
compare-verdict-single = Añade un segundo optimizador para comparar.
compare-stale = Estos números son de los ajustes de antes de tu cambio; se actualizan al soltar.
compare-runs = Las ejecuciones ajustadas, una junto a otra, todas con el mismo presupuesto:
compare-runs-key = Continua: cada optimizador con su ajuste; discontinua: tal como venía. A la izquierda, la pérdida en cada paso (escala logarítmica si todas las pérdidas son positivas); a la derecha, las trayectorias desde el inicio (punto gris).
compare-axis-step = paso
compare-axis-loss = pérdida

## Etiquetas de las ejecuciones de los ejemplos (una etiqueta escrita se muestra tal cual)
run-label-adam-no-bias-correction = Adam, sin corrección de sesgo
run-label-sgd-batch-4 = SGD, lote 4
run-label-sgd-plateau-patience-20 = SGD, paciencia de meseta 20
run-label-sgd-plateau-patience-5 = SGD, paciencia de meseta 5
run-label-before-0-22 = antes: α = 0.22
run-label-after-0-022-10 = después: α = 0.022 (÷10)
run-label-before-0-022 = antes: α = 0.022
run-label-after-0-066-3 = después: α = 0.066 (×3)
run-label-before-0-066-constant = antes: α = 0.066, constante
run-label-after-0-066-cosine = después: α = 0.066, coseno
run-label-heavy-ball-0-95 = Bola pesada μ=0.95
run-label-sgd-step-decay = SGD, decaimiento por escalones
run-label-sgd-constant = SGD, constante
run-label-sgd-warmup-cosine = SGD, calentamiento + coseno
run-label-sgd-cosine-no-warmup = SGD, coseno, sin calentamiento
sched-kind-constant = constante
sched-kind-step = escalones
sched-kind-exponential = exponencial
sched-kind-cosine = coseno
sched-kind-plateau = meseta
map-title-steps = { $optimizer }: primer paso con pérdida por debajo de { $threshold }
map-title-basins = { $optimizer }: el mínimo alcanzado desde cada inicio
map-legend-fast = alcanzado en el paso { $step }
map-legend-slow = alcanzado en el paso { $step }
map-legend-never = nunca alcanzado
map-legend-none = ningún mínimo alcanzado
map-legend-diverged = divergió
map-legend-current = ajuste actual

## Ventana del mapa de hiperparámetros
menu-map = Mapa de hiperparámetros…
menu-map-tip = Una rejilla de ajustes del optimizador seleccionado, cada celda una ejecución de este escenario, coloreada según lo pronto que baja: dónde está tu ajuste entre sus vecinos
map-title = Mapa de hiperparámetros
map-intro = { $optimizer }: cada celda es una ejecución completa de este escenario con ese ajuste. Haz clic en una celda para usarla.
map-mode-params = lr × memoria
map-mode-params-tip = La tasa de aprendizaje (escala logarítmica, de α/100 a 10α) frente a la memoria del optimizador (β, momento o β1, de 0 a 0.99)
map-mode-start = punto de partida
map-mode-start-tip = Cada punto de partida de la vista: a qué mínimo llega cada uno (las cuatro cuencas de Himmelblau, por ejemplo)
map-cells = celdas por lado
map-cells-tip = Más celdas, mapa más fino, más tiempo de cálculo (celdas² ejecuciones; una ejecución larga recibe menos, para que la ventana nunca se congele)
map-recentre = Recentrar
map-recentre-tip = Rehace la rejilla alrededor del ajuste actual
map-stale = Actualizando: este mapa es del ajuste anterior.
map-summary = { $cells } ejecuciones: { $reached } bajan por debajo del 1 % del camino, { $diverged } divergen; mediana { $median } pasos
map-summary-basins = { $cells } puntos de partida: { $reached } llegan a un mínimo conocido, { $diverged } divergen
map-key = Claro: pocos pasos para bajar; oscuro: muchos; gris: nunca dentro de la ejecución; rojo: diverge. El anillo es el ajuste actual.
map-key-basins = Un color por mínimo alcanzado; gris: ninguno; rojo: diverge. El anillo es el punto de partida actual.
map-cell-steps = por debajo del umbral en el paso { $steps }
map-cell-basin = llega al mínimo { $minimum }
map-cell-never = nunca baja del umbral
map-cell-diverged = diverge
map-axis-start-x = x de partida
map-axis-start-y = y de partida
map-too-long = { $steps } pasos por ejecución es demasiado para hacer el mapa aquí sin congelar la ventana: acorta la ejecución o usa `gradscape map` en la línea de órdenes.
