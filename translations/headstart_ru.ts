<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2): %3 classes, %4 training and %5 test images</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2): классов: %3, изображений для обучения: %4, для проверки: %5</translation>
    </message>
    <message>
        <source>class</source>
        <translation>класс</translation>
    </message>
    <message>
        <source>train</source>
        <translation>обучение</translation>
    </message>
    <message>
        <source>test</source>
        <translation>проверка</translation>
    </message>
    <message>
        <source>&lt;p&gt;skipped %1: %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;пропущен %1: %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>unknown --arch &apos;%1&apos;</source>
        <translation>неизвестная архитектура --arch «%1»</translation>
    </message>
    <message numerus="yes">
        <source>Test: %n image(s), accuracy %1, loss %2, top-5 accuracy %3
</source>
        <translation>
            <numerusform>Проверка: %n изображение, точность %1, потери %2, точность top-5 %3
</numerusform>
            <numerusform>Проверка: %n изображения, точность %1, потери %2, точность top-5 %3
</numerusform>
            <numerusform>Проверка: %n изображений, точность %1, потери %2, точность top-5 %3
</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2 %3 %4 %5
</source>
        <translation>%1 %2 %3 %4 %5
</translation>
    </message>
    <message>
        <source>class</source>
        <translation>класс</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>точность</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>полнота</translation>
    </message>
    <message>
        <source>f1</source>
        <translation>f1</translation>
    </message>
    <message>
        <source>support</source>
        <translation>примеров</translation>
    </message>
    <message>
        <source>invalid --%1 &apos;%2&apos;</source>
        <translation>недопустимое значение --%1 «%2»</translation>
    </message>
    <message>
        <source>Pretrained weights file (.pth).</source>
        <translation>Файл предобученных весов (.pth).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>ФАЙЛ</translation>
    </message>
    <message>
        <source>resnet18, resnet34, resnet50, resnet101 or resnet152.</source>
        <translation>resnet18, resnet34, resnet50, resnet101 или resnet152.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>ИМЯ</translation>
    </message>
    <message>
        <source>Machine-readable output: JSON lines.</source>
        <translation>Машиночитаемый вывод: строки JSON.</translation>
    </message>
    <message>
        <source>Measures a trained head on a dataset&apos;s test images.</source>
        <translation>Оценивает обученную голову на тестовых изображениях набора данных.</translation>
    </message>
    <message>
        <source>Dataset folder.</source>
        <translation>Папка набора данных.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>ПАПКА</translation>
    </message>
    <message>
        <source>Trained head (NAME.pt with NAME.json).</source>
        <translation>Обученная голова (ИМЯ.pt вместе с ИМЯ.json).</translation>
    </message>
    <message>
        <source>HEAD.pt</source>
        <translation>ГОЛОВА.pt</translation>
    </message>
    <message>
        <source>Feature cache folder (&apos;-&apos; for none).</source>
        <translation>Папка кэша признаков («-» — без кэша).</translation>
    </message>
    <message>
        <source>Test part when the folder has no train/test split (0.2).</source>
        <translation>Доля для проверки, если в папке нет деления на train/test (0.2).</translation>
    </message>
    <message>
        <source>F</source>
        <translation>ДОЛЯ</translation>
    </message>
    <message>
        <source>Seed of that split (0).</source>
        <translation>Зерно случайности для этого деления (0).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>--data DIR and --head HEAD.pt are required</source>
        <translation>нужны --data ПАПКА и --head ГОЛОВА.pt</translation>
    </message>
    <message>
        <source>headstart-cli: unknown command &apos;%1&apos;
</source>
        <translation>headstart-cli: неизвестная команда «%1»
</translation>
    </message>
    <message>
        <source>Prints the most likely ImageNet classes of each image.</source>
        <translation>Печатает самые вероятные классы ImageNet для каждого изображения.</translation>
    </message>
    <message>
        <source>Weights file (.pth).</source>
        <translation>Файл весов (.pth).</translation>
    </message>
    <message>
        <source>How many classes to print.</source>
        <translation>Сколько классов печатать.</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>One JSON object per image and line.</source>
        <translation>Один объект JSON на изображение, по строке на каждый.</translation>
    </message>
    <message>
        <source>Preprocessing: v1 (resize 256) or v2 (resize 232). Default: the one the weights were trained with.</source>
        <translation>Предобработка: v1 (масштаб 256) или v2 (масштаб 232). По умолчанию та, с которой обучались веса.</translation>
    </message>
    <message>
        <source>Rotate images as their EXIF orientation says (torchvision does not).</source>
        <translation>Поворачивать изображения по ориентации из EXIF (torchvision этого не делает).</translation>
    </message>
    <message>
        <source>Images per forward pass.</source>
        <translation>Изображений за один прямой проход.</translation>
    </message>
    <message>
        <source>A trained head (NAME.pt with its NAME.json): predict its classes.</source>
        <translation>Обученная голова (ИМЯ.pt с её ИМЯ.json): предсказывать её классы.</translation>
    </message>
    <message>
        <source>Image files.</source>
        <translation>Файлы изображений.</translation>
    </message>
    <message>
        <source>IMAGE...</source>
        <translation>ИЗОБРАЖЕНИЕ...</translation>
    </message>
    <message>
        <source>headstart-cli predict: invalid --arch, --top or --batch-size
</source>
        <translation>headstart-cli predict: недопустимое значение --arch, --top или --batch-size
</translation>
    </message>
    <message>
        <source>headstart-cli predict: no image given
</source>
        <translation>headstart-cli predict: не указано ни одного изображения
</translation>
    </message>
    <message>
        <source>headstart-cli predict: unknown --preset &apos;%1&apos; (use v1 or v2)
</source>
        <translation>headstart-cli predict: неизвестная предобработка --preset «%1» (допустимо v1 или v2)
</translation>
    </message>
    <message>
        <source>Dataset %1 (%2): %3 classes, %4 training and %5 test images
</source>
        <translation>Набор данных %1 (%2): классов: %3, изображений для обучения: %4, для проверки: %5
</translation>
    </message>
    <message>
        <source>  skipped %1: %2
</source>
        <translation>  пропущен %1: %2
</translation>
    </message>
    <message>
        <source>  warning: %1
</source>
        <translation>  предупреждение: %1
</translation>
    </message>
    <message>
        <source>headstart-cli: error: %1
</source>
        <translation>headstart-cli: ошибка: %1
</translation>
    </message>
    <message>
        <source>Extracting features: %1/%2 (%3 images/s, ETA %4 s)</source>
        <translation>Извлечение признаков: %1/%2 (%3 изобр./с, осталось %4 с)</translation>
    </message>
    <message>
        <source>Epoch %1/%2, loss_mean=%3: %4/%5</source>
        <translation>Эпоха %1/%2, loss_mean=%3: %4/%5</translation>
    </message>
    <message>
        <source>Epoch %1/%2, loss_mean=%3</source>
        <translation>Эпоха %1/%2, loss_mean=%3</translation>
    </message>
    <message>
        <source>, validation loss %1, accuracy %2</source>
        <translation>, потери на валидации %1, точность %2</translation>
    </message>
    <message>
        <source>Trains a new final layer on a frozen ResNet.</source>
        <translation>Обучает новый последний слой на замороженной ResNet.</translation>
    </message>
    <message>
        <source>Epochs (5).</source>
        <translation>Число эпох (5).</translation>
    </message>
    <message>
        <source>Batch size (32).</source>
        <translation>Размер батча (32).</translation>
    </message>
    <message>
        <source>Adam learning rate (0.001).</source>
        <translation>Скорость обучения Adam (0.001).</translation>
    </message>
    <message>
        <source>LR</source>
        <translation>LR</translation>
    </message>
    <message>
        <source>Weight decay (0.001).</source>
        <translation>Затухание весов (0.001).</translation>
    </message>
    <message>
        <source>WD</source>
        <translation>WD</translation>
    </message>
    <message>
        <source>Random seed (0).</source>
        <translation>Зерно случайности (0).</translation>
    </message>
    <message>
        <source>Part of train held out for validation and best-epoch selection (0).</source>
        <translation>Доля обучающих данных, отложенная для валидации и выбора лучшей эпохи (0).</translation>
    </message>
    <message>
        <source>Stop after N epochs without validation improvement (0: never).</source>
        <translation>Остановиться после N эпох без улучшения на валидации (0 — никогда).</translation>
    </message>
    <message>
        <source>Where to save the head (NAME.pt, NAME-model.pt, NAME.json). Default: &lt;dataset&gt;.pt</source>
        <translation>Куда сохранить голову (ИМЯ.pt, ИМЯ-model.pt, ИМЯ.json). По умолчанию &lt;набор&gt;.pt</translation>
    </message>
    <message>
        <source>Continue training this saved head.</source>
        <translation>Продолжить обучение этой сохранённой головы.</translation>
    </message>
    <message>
        <source>Do not start classes named like ImageNet&apos;s from the pretrained layer.</source>
        <translation>Не начинать классы, названные как классы ImageNet, с весов предобученного слоя.</translation>
    </message>
    <message>
        <source>Save the head and manifest only, not the whole model.</source>
        <translation>Сохранить только голову и манифест, без всей модели.</translation>
    </message>
    <message>
        <source>--data DIR is required</source>
        <translation>нужен параметр --data ПАПКА</translation>
    </message>
    <message>
        <source>fractions must be below 1</source>
        <translation>доли должны быть меньше 1</translation>
    </message>
    <message numerus="yes">
        <source>Warm start from ImageNet for %n class(es): test accuracy %1 before training
</source>
        <translation>
            <numerusform>Тёплый старт от ImageNet для %n класса: точность на проверке до обучения %1
</numerusform>
            <numerusform>Тёплый старт от ImageNet для %n классов: точность на проверке до обучения %1
</numerusform>
            <numerusform>Тёплый старт от ImageNet для %n классов: точность на проверке до обучения %1
</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved %1 and %2 (%3 s; %4 images through the backbone, %5 from the cache)
</source>
        <translation>Сохранены %1 и %2 (%3 с; через основную сеть прошло изображений: %4, взято из кэша: %5)
</translation>
    </message>
    <message>
        <source>no such folder</source>
        <translation>нет такой папки</translation>
    </message>
    <message>
        <source>no files to predict</source>
        <translation>нет файлов для предсказания</translation>
    </message>
    <message>
        <source>%1, %2 precision, batch %3, %4 threads, %5
</source>
        <translation>%1, точность %2, пакет %3, потоков %4, %5
</translation>
    </message>
    <message>
        <source>random weights (no --weights given; the speed is the same)</source>
        <translation>случайные веса (--weights не задан; скорость та же)</translation>
    </message>
    <message>
        <source>weights from --weights</source>
        <translation>веса из --weights</translation>
    </message>
    <message>
        <source>network: %1 ms per image, %2 images/s (median of %3 runs)
</source>
        <translation>сеть: %1 мс на изображение, %2 изображений/с (медиана %3 прогонов)
</translation>
    </message>
    <message>
        <source>end to end, decode and predict %1 images (%2 unreadable): %3 ms per image, %4 images/s
</source>
        <translation>целиком, декодирование и предсказание %1 изображений (%2 не прочитано): %3 мс на изображение, %4 изображений/с
</translation>
    </message>
    <message>
        <source>Times the network on random 224x224 batches after a warm-up; with DIR, also decoding and predicting the files in DIR.</source>
        <translation>Замеряет время сети на случайных пакетах 224x224 после прогрева; с DIR также декодирование и предсказание файлов из DIR.</translation>
    </message>
    <message>
        <source>Threads for the network (default: every core).</source>
        <translation>Потоки для сети (по умолчанию: все ядра).</translation>
    </message>
    <message>
        <source>Time the network at least this long (and 5 runs).</source>
        <translation>Замерять сеть не меньше стольких секунд (и не меньше 5 прогонов).</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Folder of images (optional).</source>
        <translation>Папка с изображениями (необязательно).</translation>
    </message>
    <message>
        <source>[DIR]</source>
        <translation>[DIR]</translation>
    </message>
    <message>
        <source>give at most one folder</source>
        <translation>укажите не больше одной папки</translation>
    </message>
    <message>
        <source>exact (32-bit, the same numbers as PyTorch), fast (bfloat16, where the processor has it natively) or auto (fast where native). Default: %1.</source>
        <translation>exact (32 бита, те же числа, что в PyTorch), fast (bfloat16, где процессор поддерживает его аппаратно) или auto (fast, где есть поддержка). По умолчанию: %1.</translation>
    </message>
    <message>
        <source>MODE</source>
        <translation>РЕЖИМ</translation>
    </message>
    <message>
        <source>invalid --precision &apos;%1&apos; (use exact, fast or auto)</source>
        <translation>недопустимое значение --precision «%1» (используйте exact, fast или auto)</translation>
    </message>
    <message>
        <source>Usage: headstart-cli &lt;command&gt; [options]

Commands:
  predict   top-k ImageNet classes of images, or the classes of a trained head
  train     train a new final layer on a frozen ResNet from a dataset folder
  evaluate  measure a trained head on a dataset&apos;s test images
  bench     time the network (and, given a folder, decoding and predicting its images)

Run &apos;headstart-cli &lt;command&gt; --help&apos; for a command&apos;s options.
Options: --help, --version
</source>
        <translation>Использование: headstart-cli &lt;команда&gt; [параметры]

Команды:
  predict   первые k классов ImageNet для изображений или классы обученной головы
  train     обучить новый последний слой на замороженной ResNet по папке с данными
  evaluate  оценить обученную голову на тестовых изображениях набора данных
  bench     замерить время сети (а для папки также декодирования и предсказания её изображений)

Параметры команды: &apos;headstart-cli &lt;команда&gt; --help&apos;.
Параметры: --help, --version
</translation>
    </message>
</context>
<context>
    <name>headstart::ui::ConfusionView</name>
    <message>
        <source>predicted</source>
        <translation>предсказано</translation>
    </message>
    <message>
        <source>true</source>
        <translation>на самом деле</translation>
    </message>
</context>
<context>
    <name>headstart::ui::EvaluatePage</name>
    <message>
        <source>Train a head, or load one, to see how it does on the test images.</source>
        <translation>Обучите голову или загрузите готовую, чтобы увидеть, как она справляется с тестовыми изображениями.</translation>
    </message>
    <message>
        <source>class</source>
        <translation>класс</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>точность</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>полнота</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>support</source>
        <translation>примеров</translation>
    </message>
    <message>
        <source>Misclassified images (click a cell of the matrix to filter):</source>
        <translation>Ошибочно классифицированные изображения (щёлкните по ячейке матрицы, чтобы отфильтровать):</translation>
    </message>
    <message numerus="yes">
        <source>Test: %n image(s), accuracy %1, loss %2, top-5 accuracy %3</source>
        <translation>
            <numerusform>Проверка: %n изображение, точность %1, потери %2, точность top-5 %3</numerusform>
            <numerusform>Проверка: %n изображения, точность %1, потери %2, точность top-5 %3</numerusform>
            <numerusform>Проверка: %n изображений, точность %1, потери %2, точность top-5 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
→ %2 (%3)</source>
        <translation>%1
→ %2 (%3)</translation>
    </message>
</context>
<context>
    <name>headstart::ui::LossPlot</name>
    <message>
        <source>batches</source>
        <translation>батчи</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>потери</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>точность на валидации</translation>
    </message>
    <message>
        <source>batch loss</source>
        <translation>потери на батче</translation>
    </message>
    <message>
        <source>running mean</source>
        <translation>скользящее среднее</translation>
    </message>
    <message>
        <source>epoch train loss</source>
        <translation>потери эпохи на обучении</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>потери на валидации</translation>
    </message>
</context>
<context>
    <name>headstart::ui::MainWindow</name>
    <message>
        <source>HeadStart</source>
        <translation>HeadStart</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>Предсказание</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Чтение %1…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Open images…</source>
        <translation>&amp;Открыть изображения…</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>&amp;Вставить изображение</translation>
    </message>
    <message>
        <source>Choose pretrained &amp;weights…</source>
        <translation>Выбрать предобученные &amp;веса…</translation>
    </message>
    <message>
        <source>Pretrained weights</source>
        <translation>Предобученные веса</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pth *.pt)</source>
        <translation>Веса PyTorch (*.pth *.pt)</translation>
    </message>
    <message>
        <source>&amp;Load trained head…</source>
        <translation>&amp;Загрузить обученную голову…</translation>
    </message>
    <message>
        <source>Trained head</source>
        <translation>Обученная голова</translation>
    </message>
    <message>
        <source>Head (*.pt)</source>
        <translation>Голова (*.pt)</translation>
    </message>
    <message>
        <source>Use &amp;ImageNet classes</source>
        <translation>Классы &amp;ImageNet</translation>
    </message>
    <message>
        <source>&amp;Export trained head…</source>
        <translation>&amp;Экспортировать обученную голову…</translation>
    </message>
    <message>
        <source>Export head</source>
        <translation>Экспорт головы</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>The language changes when HeadStart is started again.</source>
        <translation>Язык сменится при следующем запуске HeadStart.</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message numerus="yes">
        <source>Predicted %n image(s)</source>
        <translation>
            <numerusform>Распознано %n изображение</numerusform>
            <numerusform>Распознано %n изображения</numerusform>
            <numerusform>Распознано %n изображений</numerusform>
        </translation>
    </message>
    <message>
        <source>Dataset ready</source>
        <translation>Набор данных готов</translation>
    </message>
    <message>
        <source>The dataset has problems: see the report</source>
        <translation>С набором данных есть проблемы: см. отчёт</translation>
    </message>
    <message>
        <source>Training done in %1 s</source>
        <translation>Обучение завершено за %1 с</translation>
    </message>
    <message>
        <source>Training cancelled</source>
        <translation>Обучение отменено</translation>
    </message>
    <message>
        <source>Exported; manifest %1</source>
        <translation>Экспортировано; манифест %1</translation>
    </message>
    <message>
        <source>Pretrained ResNet50 weights are needed</source>
        <translation>Нужны предобученные веса ResNet50</translation>
    </message>
    <message>
        <source>&lt;b&gt;No pretrained weights&lt;/b&gt;</source>
        <translation>&lt;b&gt;Нет предобученных весов&lt;/b&gt;</translation>
    </message>
    <message>
        <source>ImageNet classes</source>
        <translation>классы ImageNet</translation>
    </message>
    <message>
        <source>classes of %1</source>
        <translation>классы из %1</translation>
    </message>
    <message>
        <source>ResNet50, %1 (%2); %3</source>
        <translation>ResNet50, %1 (%2); %3</translation>
    </message>
    <message>
        <source>Choose pretrained weights first (File menu)</source>
        <translation>Сначала выберите предобученные веса (меню «Файл»)</translation>
    </message>
    <message numerus="yes">
        <source>Predicting %n image(s)…</source>
        <translation>
            <numerusform>Распознаётся %n изображение…</numerusform>
            <numerusform>Распознаются %n изображения…</numerusform>
            <numerusform>Распознаются %n изображений…</numerusform>
        </translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Обучение…</translation>
    </message>
    <message>
        <source>Nothing to export yet: train a head first</source>
        <translation>Пока нечего экспортировать: сначала обучите голову</translation>
    </message>
    <message>
        <source>No ResNet50 weights file was found in %1, torchvision&apos;s download folder, where Python would have put it. Download it here, or choose a .pth file you already have.</source>
        <translation>Файл весов ResNet50 не найден в %1 — папке загрузок torchvision, куда его положил бы Python. Загрузите его здесь или выберите уже имеющийся файл .pth.</translation>
    </message>
</context>
<context>
    <name>headstart::ui::PredictPage</name>
    <message>
        <source>Show why (class activation map)</source>
        <translation>Показать почему (карта активации класса)</translation>
    </message>
    <message>
        <source>Colours the part of the network&apos;s view that most supports the top class</source>
        <translation>Подсвечивает ту часть изображения, которая сильнее всего говорит в пользу первого класса</translation>
    </message>
    <message>
        <source>Open images…</source>
        <translation>Открыть изображения…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Вставить</translation>
    </message>
    <message>
        <source>Drop images or folders here, open them, or paste an image (Ctrl+V).</source>
        <translation>Перетащите сюда изображения или папки, откройте их или вставьте изображение (Ctrl+V).</translation>
    </message>
    <message>
        <source>Open images</source>
        <translation>Открыть изображения</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Изображения (%1)</translation>
    </message>
</context>
<context>
    <name>headstart::ui::TrainPage</name>
    <message>
        <source>Dataset folder (train/ and test/, or one folder per class)</source>
        <translation>Папка набора данных (train/ и test/ или по папке на класс)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Недавние</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>Папка набора данных</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Эпохи</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Размер батча</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Скорость обучения</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Затухание весов</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Зерно случайности</translation>
    </message>
    <message>
        <source>Validation fraction</source>
        <translation>Доля для валидации</translation>
    </message>
    <message>
        <source>Start classes named like ImageNet&apos;s from the pretrained layer</source>
        <translation>Начинать классы, названные как классы ImageNet, с весов предобученного слоя</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>запуск %1</translation>
    </message>
    <message>
        <source>Extracting features: %1/%2, %3 images/s, ETA %4 s</source>
        <translation>Извлечение признаков: %1/%2, %3 изобр./с, осталось %4 с</translation>
    </message>
    <message>
        <source>Epoch %1/%2, loss_mean=%3</source>
        <translation>Эпоха %1/%2, loss_mean=%3</translation>
    </message>
    <message>
        <source>Done: test accuracy %1</source>
        <translation>Готово: точность на проверке %1</translation>
    </message>
</context>
<context>
    <name>headstart::ui::WeightsDownloader</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Не удаётся создать папку %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>Download cancelled</source>
        <translation>Загрузка отменена</translation>
    </message>
    <message>
        <source>Cannot download %1: %2. Without a network connection, download the file on another computer and choose it with &quot;Choose a file…&quot;.</source>
        <translation>Не удаётся загрузить %1: %2. Если нет подключения к сети, скачайте файл на другом компьютере и укажите его кнопкой «Выбрать файл…».</translation>
    </message>
    <message>
        <source>%1: the download is damaged (SHA-256 %2…, expected %3…)</source>
        <translation>%1: загруженный файл повреждён (SHA-256 %2…, ожидалось %3…)</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>Не удаётся сохранить %1: %2</translation>
    </message>
</context>
<context>
    <name>headstart::ui::WeightsPanel</name>
    <message>
        <source>&lt;h3&gt;Pretrained ResNet50 weights are needed&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Нужны предобученные веса ResNet50&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Download from download.pytorch.org (98 MB)</source>
        <translation>Загрузить с download.pytorch.org (98 МБ)</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>Выбрать файл…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Pretrained weights</source>
        <translation>Предобученные веса</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pth *.pt)</source>
        <translation>Веса PyTorch (*.pth *.pt)</translation>
    </message>
    <message>
        <source>%1 of %2 MB</source>
        <translation>%1 из %2 МБ</translation>
    </message>
</context>
</TS>
