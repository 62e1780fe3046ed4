# La interfaz de Gradscape en español. Debe tener exactamente las mismas claves que
# en.ftl (una prueba unitaria lo comprueba); lo que falte se mostraría en inglés.

## Menús

menu-file = Archivo
menu-new = Nuevo
menu-open = Abrir…
menu-save = Guardar
menu-save-as = Guardar como…
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
menu-legends-tip = Muestra las claves de las trayectorias y las flechas sobre el paisaje (colocadas donde tapan menos puntos; arrastra la clave de las flechas para moverla)
menu-loss-panel = Panel de pérdida
menu-loss-panel-tip = Muestra las curvas de pérdida y el diagnóstico bajo el paisaje
legends = leyendas
dialog-svg = Imagen SVG
dialog-gif = Animación GIF
dialog-csv = Tabla CSV
dialog-json = Archivo JSON
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
map-title-steps = { $optimizer }: primer paso con pérdida por debajo de { $threshold }
map-title-basins = { $optimizer }: el mínimo alcanzado desde cada inicio
map-legend-fast = alcanzado en el paso { $step }
map-legend-slow = alcanzado en el paso { $step }
map-legend-never = nunca alcanzado
map-legend-none = ningún mínimo alcanzado
map-legend-diverged = divergió
map-legend-current = ajuste actual
