<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>&lt;p&gt;skipped %1: %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;пропущен %1: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1: не удаётся записать (%2)</translation>
    </message>
    <message>
        <source>%1: cannot read (%2)</source>
        <translation>%1: не удаётся прочитать (%2)</translation>
    </message>
    <message>
        <source>%1: not a HeadStart file (%2)</source>
        <translation>%1: это не файл HeadStart (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n с</numerusform>
            <numerusform>%n с</numerusform>
            <numerusform>%n с</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n мин</numerusform>
            <numerusform>%n мин</numerusform>
            <numerusform>%n мин</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot train on this folder:&lt;/b&gt;</source>
        <translation>&lt;b&gt;На этой папке обучить нельзя:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 classes, %2 training and %3 test images</source>
        <translation>классов: %1, изображений для обучения: %2, для проверки: %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;No problems found&lt;/b&gt;: %1.</source>
        <translation>&lt;b&gt;Проблем не найдено&lt;/b&gt;: %1.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n warning(s)&lt;/b&gt;: %1.</source>
        <translation>
            <numerusform>&lt;b&gt;%n предупреждение&lt;/b&gt;: %1.</numerusform>
            <numerusform>&lt;b&gt;%n предупреждения&lt;/b&gt;: %1.</numerusform>
            <numerusform>&lt;b&gt;%n предупреждений&lt;/b&gt;: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped: see the list below</source>
        <translation>
            <numerusform>%n файл пропущен: см. список ниже</numerusform>
            <numerusform>%n файла пропущено: см. список ниже</numerusform>
            <numerusform>%n файлов пропущено: см. список ниже</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Проверка</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) excluded on the Data page</source>
        <translation>
            <numerusform>%n изображение исключено на странице «Данные»</numerusform>
            <numerusform>%n изображения исключены на странице «Данные»</numerusform>
            <numerusform>%n изображений исключено на странице «Данные»</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>unknown --arch '%1'</source>
        <translation>неизвестная архитектура --arch «%1»</translation>
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
        <source>invalid --%1 '%2'</source>
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
        <source>NAME</source>
        <translation>ИМЯ</translation>
    </message>
    <message>
        <source>Machine-readable output: JSON lines.</source>
        <translation>Машиночитаемый вывод: строки JSON.</translation>
    </message>
    <message>
        <source>Measures a trained head on a dataset's test images.</source>
        <translation>Оценивает обученный выходной слой на тестовых изображениях набора данных.</translation>
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
        <translation>Обученный выходной слой (ИМЯ.pt вместе с ИМЯ.json).</translation>
    </message>
    <message>
        <source>HEAD.pt</source>
        <translation>СЛОЙ.pt</translation>
    </message>
    <message>
        <source>Feature cache folder ('-' for none).</source>
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
        <translation>Сид (seed) генератора случайных чисел для этого деления (0).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>--data DIR and --head HEAD.pt are required</source>
        <translation>нужны --data ПАПКА и --head СЛОЙ.pt</translation>
    </message>
    <message>
        <source>headstart-cli: unknown command '%1'
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
        <translation>Обученный выходной слой (ИМЯ.pt с его ИМЯ.json): предсказывать его классы.</translation>
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
        <source>headstart-cli predict: unknown --preset '%1' (use v1 or v2)
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
        <translation>, потери на валидации %1, доля верных ответов %2</translation>
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
        <translation>Сид (seed) генератора случайных чисел (0).</translation>
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
        <translation>Куда сохранить выходной слой (ИМЯ.pt, ИМЯ-model.pt, ИМЯ.json). По умолчанию &lt;набор&gt;.pt</translation>
    </message>
    <message>
        <source>Continue training this saved head.</source>
        <translation>Продолжить обучение этого сохранённого выходного слоя.</translation>
    </message>
    <message>
        <source>Do not start classes named like ImageNet's from the pretrained layer.</source>
        <translation>Не начинать классы, названные как классы ImageNet, с весов предобученного слоя.</translation>
    </message>
    <message>
        <source>Save the head and manifest only, not the whole model.</source>
        <translation>Сохранить только выходной слой и манифест, без всей модели.</translation>
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
            <numerusform>Тёплый старт от ImageNet для %n класса: доля верных ответов на проверке до обучения %1
</numerusform>
            <numerusform>Тёплый старт от ImageNet для %n классов: доля верных ответов на проверке до обучения %1
</numerusform>
            <numerusform>Тёплый старт от ImageNet для %n классов: доля верных ответов на проверке до обучения %1
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
        <source>%1: a layer trained by HeadStart, not pretrained weights; pass it with --head</source>
        <translation>%1: это слой, обученный в HeadStart, а не предобученные веса; передайте его через --head</translation>
    </message>
    <message>
        <source>resnet18, resnet34, resnet50, resnet101 or resnet152. Default: the one the --weights file holds, else resnet50.</source>
        <translation>resnet18, resnet34, resnet50, resnet101 или resnet152. По умолчанию: та, что в файле --weights, иначе resnet50.</translation>
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
        <translation>%1, режим вычислений %2, пакет %3, потоков %4, %5
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
        <source>MODE</source>
        <translation>РЕЖИМ</translation>
    </message>
    <message>
        <source>Writes a trained head as an ONNX model with its preprocessing inside.</source>
        <translation>Записывает обученный выходной слой как модель ONNX вместе с предобработкой.</translation>
    </message>
    <message>
        <source>The trained head (NAME.pt or its NAME.json).</source>
        <translation>Обученный выходной слой (ИМЯ.pt или его ИМЯ.json).</translation>
    </message>
    <message>
        <source>The ONNX file to write.</source>
        <translation>Файл ONNX, который нужно записать.</translation>
    </message>
    <message>
        <source>The pretrained weights the head was trained on, when not where the manifest says.</source>
        <translation>Предобученные веса, на которых обучен выходной слой, если они не там, где указано в манифесте.</translation>
    </message>
    <message>
        <source>headstart-cli export: --head and --onnx are required
</source>
        <translation>headstart-cli export: нужны --head и --onnx
</translation>
    </message>
    <message>
        <source>Saved %1
</source>
        <translation>Сохранён %1
</translation>
    </message>
    <message>
        <source>Also write one CSV row per image (path, class, probability, then the top K).</source>
        <translation>Также записать по строке CSV на изображение (путь, класс, вероятность, затем первые K).</translation>
    </message>
    <message>
        <source>Image files, or folders to search for images.</source>
        <translation>Файлы изображений или папки, в которых искать изображения.</translation>
    </message>
    <message>
        <source>headstart-cli: interrupted
</source>
        <translation>headstart-cli: прервано
</translation>
    </message>
    <message>
        <source>Copies images into one folder per predicted class; never moves or overwrites.</source>
        <translation>Копирует изображения в папки по распознанным классам; ничего не перемещает и не перезаписывает.</translation>
    </message>
    <message>
        <source>A trained head (NAME.pt or NAME.json): its classes.</source>
        <translation>Обученный выходной слой (ИМЯ.pt или ИМЯ.json): его классы.</translation>
    </message>
    <message>
        <source>The folder to sort into.</source>
        <translation>Папка, в которую раскладывать.</translation>
    </message>
    <message>
        <source>OUT</source>
        <translation>ПАПКА</translation>
    </message>
    <message>
        <source>Below this probability, into OUT/_uncertain (0).</source>
        <translation>При вероятности ниже этой — в ПАПКА/_uncertain (0).</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>Hard links instead of copies (same file system).</source>
        <translation>Жёсткие ссылки вместо копий (та же файловая система).</translation>
    </message>
    <message>
        <source>Copies (the default).</source>
        <translation>Копии (по умолчанию).</translation>
    </message>
    <message>
        <source>Classes per CSV row (3).</source>
        <translation>Классов в строке CSV (3).</translation>
    </message>
    <message>
        <source>Folders (searched recursively) or image files.</source>
        <translation>Папки (с вложенными) или файлы изображений.</translation>
    </message>
    <message>
        <source>DIR...</source>
        <translation>ПАПКА...</translation>
    </message>
    <message>
        <source>--into OUT and at least one folder are required</source>
        <translation>нужны --into ПАПКА и хотя бы одна папка с изображениями</translation>
    </message>
    <message>
        <source>--link and --copy exclude each other</source>
        <translation>--link и --copy исключают друг друга</translation>
    </message>
    <message>
        <source>--min-confidence is a probability, 0 to 1</source>
        <translation>--min-confidence — это вероятность, от 0 до 1</translation>
    </message>
    <message>
        <source>%1 images: %2 placed in %3, %4 already there, %5 failed
</source>
        <translation>изображений: %1; разложено в %3: %2, уже были там: %4, с ошибкой: %5
</translation>
    </message>
    <message>
        <source>%1/%2 images, %3 images/s</source>
        <translation>%1/%2 изображений, %3 изобр./с</translation>
    </message>
    <message>
        <source>Also save the model as ONNX, preprocessing inside.</source>
        <translation>Также сохранить модель в ONNX, с предобработкой внутри.</translation>
    </message>
    <message>
        <source>Finds likely wrong labels, near-duplicates (leaks across train and test among them) and outliers in a dataset, from the backbone's features.</source>
        <translation>Находит в наборе данных вероятно неверные метки, почти одинаковые изображения (в том числе утечки между обучающей и тестовой частью) и выбросы по признакам базовой сети.</translation>
    </message>
    <message>
        <source>Cross-validation folds of the label check (5).</source>
        <translation>Число блоков перекрёстной проверки меток (5).</translation>
    </message>
    <message numerus="yes">
        <source>Likely wrong labels: %n
</source>
        <translation>
            <numerusform>Вероятно неверные метки: %n
</numerusform>
            <numerusform>Вероятно неверные метки: %n
</numerusform>
            <numerusform>Вероятно неверные метки: %n
</numerusform>
        </translation>
    </message>
    <message>
        <source>  %1  %2: labelled %3 (%4), looks like %5 (%6)
</source>
        <translation>  %1  %2: помечено как %3 (%4), похоже на %5 (%6)
</translation>
    </message>
    <message numerus="yes">
        <source>Near-duplicates: %n</source>
        <translation>
            <numerusform>Почти одинаковые изображения: %n</numerusform>
            <numerusform>Почти одинаковые изображения: %n</numerusform>
            <numerusform>Почти одинаковые изображения: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n across train and test)
</source>
        <translation>
            <numerusform> (между обучающей и тестовой частью: %n)
</numerusform>
            <numerusform> (между обучающей и тестовой частью: %n)
</numerusform>
            <numerusform> (между обучающей и тестовой частью: %n)
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Outliers: %n
</source>
        <translation>
            <numerusform>Выбросы: %n
</numerusform>
            <numerusform>Выбросы: %n
</numerusform>
            <numerusform>Выбросы: %n
</numerusform>
        </translation>
    </message>
    <message>
        <source>Dataset %1: %2 training and %3 test images, %4 classes (%5 s)
</source>
        <translation>Набор данных %1: обучающих изображений %2, тестовых %3, классов %4 (%5 с)
</translation>
    </message>
    <message>
        <source>Doctor: %1 %2/%3</source>
        <translation>Проверка набора: %1 %2/%3</translation>
    </message>
    <message>
        <source>  excluded %1 (listed in .headstart/excluded.json)
</source>
        <translation>  исключено: %1 (записано в .headstart/excluded.json)
</translation>
    </message>
    <message>
        <source>exact (32-bit, the same numbers as PyTorch), fast (bfloat16, where the processor has it natively), auto (fast where native) or int8 (turbo: the fastest, may cost a little accuracy). Default: %1.</source>
        <translation>exact (32 бита, те же числа, что в PyTorch), fast (bfloat16, где процессор поддерживает его аппаратно), auto (fast, где есть поддержка) или int8 (турбо: быстрее всего, доля верных ответов может немного снизиться). По умолчанию: %1.</translation>
    </message>
    <message>
        <source>invalid --precision '%1' (use exact, fast, auto or int8)</source>
        <translation>недопустимое значение --precision «%1» (используйте exact, fast, auto или int8)</translation>
    </message>
    <message>
        <source>headstart-cli: int8 precision, calibrated on %1
</source>
        <translation>headstart-cli: режим вычислений int8, калибровка: %1
</translation>
    </message>
    <message>
        <source>With --precision int8: calibrate on up to 64 images of this folder (once; kept with the weights for later runs). Default: the calibration last made for the weights.</source>
        <translation>С --precision int8: откалибровать по не более чем 64 изображениям этой папки (один раз; калибровка сохраняется вместе с весами для следующих запусков). По умолчанию: последняя калибровка, сделанная для этих весов.</translation>
    </message>
    <message>
        <source>Label smoothing of the cross-entropy, from 0 to below 1 (0).</source>
        <translation>Сглаживание меток в перекрёстной энтропии, от 0 до значений меньше 1 (0).</translation>
    </message>
    <message>
        <source>Weight each class's loss by the inverse of its share of the training images, for imbalanced folders.</source>
        <translation>Взвешивать потери каждого класса обратно его доле среди обучающих изображений — для несбалансированных папок.</translation>
    </message>
    <message>
        <source>Learning-rate schedule: constant, cosine or onecycle (constant).</source>
        <translation>Расписание скорости обучения: constant, cosine или onecycle (constant).</translation>
    </message>
    <message>
        <source>Epochs of linear learning-rate warm-up, may be fractional; for onecycle, of its rise (0; onecycle: 30% of the steps).</source>
        <translation>Эпохи линейного разогрева скорости обучения, можно дробные; для onecycle — длина её подъёма (0; onecycle: 30% шагов).</translation>
    </message>
    <message>
        <source>Part of train held out for validation, as in train (0).</source>
        <translation>Доля обучающих данных, отложенная для валидации, как в train (0).</translation>
    </message>
    <message>
        <source>Lowest learning rate tried (1e-7).</source>
        <translation>Наименьшая пробуемая скорость обучения (1e-7).</translation>
    </message>
    <message>
        <source>Highest learning rate tried (10).</source>
        <translation>Наибольшая пробуемая скорость обучения (10).</translation>
    </message>
    <message>
        <source>Steps from the lowest to the highest (100).</source>
        <translation>Шагов от наименьшей до наибольшей (100).</translation>
    </message>
    <message>
        <source>%1  %2  %3
</source>
        <translation>%1  %2  %3
</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>скорость обучения</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>потери</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>сглаженные</translation>
    </message>
    <message>
        <source>  &lt;- suggested</source>
        <translation>  &lt;- предлагается</translation>
    </message>
    <message>
        <source>(%1 s; %2 images through the backbone, %3 from the cache)
</source>
        <translation>(%1 с; через основную сеть прошло изображений: %2, взято из кэша: %3)
</translation>
    </message>
    <message>
        <source>Learning rate %1: %2/%3</source>
        <translation>Скорость обучения %1: %2/%3</translation>
    </message>
    <message>
        <source>Usage: headstart-cli &lt;command&gt; [options]

Commands:
  predict   top-k ImageNet classes of images, or the classes of a trained head
  train     train a new final layer on a frozen ResNet from a dataset folder
  lr-find   suggest a learning rate for train from a quick range test
  evaluate  measure a trained head on a dataset's test images
  bench     time the network (and, given a folder, decoding and predicting its images)
  export    write a trained head as an ONNX model
  sort      copy images into one folder per predicted class
  doctor    find wrong labels, near-duplicates, leaks and outliers in a dataset

Run 'headstart-cli &lt;command&gt; --help' for a command's options.
Options: --help, --version
</source>
        <translation>Использование: headstart-cli &lt;команда&gt; [параметры]

Команды:
  predict   первые k классов ImageNet для изображений или классы обученного выходного слоя
  train     обучить новый выходной слой на замороженной ResNet по папке с данными
  lr-find   предложить скорость обучения для train по быстрому пробному прогону
  evaluate  оценить обученный выходной слой на тестовых изображениях набора данных
  bench     замерить время сети (а с папкой — декодирования и распознавания её изображений)
  export    записать обученный выходной слой как модель ONNX
  sort      скопировать изображения в папки по предсказанным классам
  doctor    найти в наборе данных неверные метки, почти одинаковые изображения, утечки и выбросы

Параметры команды: 'headstart-cli &lt;команда&gt; --help'.
Параметры: --help, --version
</translation>
    </message>
    <message>
        <source>Test with each image and its mirror image, probabilities averaged.</source>
        <translation>Проверять на каждом изображении и его зеркальном отражении, усредняя вероятности.</translation>
    </message>
    <message>
        <source>Classify each image and its mirror image, probabilities averaged.</source>
        <translation>Распознавать каждое изображение и его зеркальное отражение, усредняя вероятности.</translation>
    </message>
    <message>
        <source>Augmented views per training image besides the centre crop (0: none).</source>
        <translation>Аугментированных видов каждого обучающего изображения помимо центрального кадра (0 — нет).</translation>
    </message>
    <message>
        <source>--augment: at most %1 views</source>
        <translation>--augment: не больше %1 видов</translation>
    </message>
    <message>
        <source>Fine-tune layer4 together with the new final layer (layer3's output is cached).</source>
        <translation>Дообучать layer4 вместе с новым последним слоем (выход layer3 кэшируется).</translation>
    </message>
    <message>
        <source>layer4's learning rate relative to the final layer's (0.1).</source>
        <translation>Скорость обучения layer4 относительно последнего слоя (0.1).</translation>
    </message>
    <message>
        <source>With --train-last-stage: final-layer-only epochs before layer4 trains (1).</source>
        <translation>С --train-last-stage: эпохи обучения только последнего слоя до обучения layer4 (1).</translation>
    </message>
    <message>
        <source>Disk space for cached layer3 outputs, e.g. 4G or 500M (4G); oldest evicted.</source>
        <translation>Место на диске для кэша выходов layer3, например 4G или 500M (4G); старые записи удаляются.</translation>
    </message>
    <message>
        <source>SIZE</source>
        <translation>РАЗМЕР</translation>
    </message>
    <message>
        <source>Evicted %1 older layer3 cache entries (%2 MiB) to stay within %3 MiB
</source>
        <translation>Удалено %1 старых записей кэша layer3 (%2 МиБ), чтобы уложиться в %3 МиБ
</translation>
    </message>
    <message>
        <source>Usage: headstart-cli %1 [options]</source>
        <translation>Использование: headstart-cli %1 [параметры]</translation>
    </message>
    <message>
        <source>fast (bfloat16) accuracy</source>
        <translation>доля верных ответов в быстром режиме (bfloat16)</translation>
    </message>
    <message>
        <source>turbo (int8) accuracy</source>
        <translation>доля верных ответов в турборежиме (int8)</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>доля верных ответов</translation>
    </message>
    <message numerus="yes">
        <source>Test: %n image(s), %1 %2, loss %3, top-5 accuracy %4
</source>
        <translation>
            <numerusform>Проверка: %n изображение, %1 %2, потери %3, доля верных в топ-5 %4
</numerusform>
            <numerusform>Проверка: %n изображения, %1 %2, потери %3, доля верных в топ-5 %4
</numerusform>
            <numerusform>Проверка: %n изображений, %1 %2, потери %3, доля верных в топ-5 %4
</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggests a learning rate: trains the head on the cached features while the rate rises exponentially, and suggests a rate well inside the smoothed loss's valley (none when the loss shows no clear descent).</source>
        <translation>Предлагает скорость обучения: обучает выходной слой на кэшированных признаках, экспоненциально повышая скорость, и предлагает скорость в глубине долины сглаженных потерь (ничего не предлагает, если потери явно не падают).</translation>
    </message>
    <message>
        <source>No clear descent (the smoothed loss falls by %1 at most, its noise is %2); keeping the current rate %3
</source>
        <translation>Явного спада нет (сглаженные потери падают не более чем на %1 при шуме %2); остаётся текущая скорость %3
</translation>
    </message>
    <message>
        <source>Suggested learning rate: %1 (half-way down the smoothed loss's valley, %2 to %3; its minimum is at %4)
</source>
        <translation>Предлагаемая скорость обучения: %1 (середина спуска в долину сглаженных потерь, от %2 до %3; их минимум при %4)
</translation>
    </message>
    <message>
        <source>Test, %1 as trained: %2 (the figures above are exact, as exports compute)
</source>
        <translation>Проверка, %1 как при обучении: %2 (числа выше точные, как считает экспорт)
</translation>
    </message>
    <message>
        <source>  (blank or nearly uniform)</source>
        <translation>  (пустое или почти однородное)</translation>
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
    <message>
        <source>Confusion matrix of %1 classes: %2 of %3 test images on the diagonal.</source>
        <translation>Матрица ошибок для классов: %1. На диагонали %2 из %3 тестовых изображений.</translation>
    </message>
    <message>
        <source>No confusions.</source>
        <translation>Путаницы нет.</translation>
    </message>
    <message numerus="yes">
        <source>%n %1 image(s) taken for %2</source>
        <translation>
            <numerusform>%n изображение класса %1 принято за %2</numerusform>
            <numerusform>%n изображения класса %1 приняты за %2</numerusform>
            <numerusform>%n изображений класса %1 приняты за %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Largest confusions: %1.</source>
        <translation>Чаще всего путаются: %1.</translation>
    </message>
</context>
<context>
    <name>headstart::ui::DataMap</name>
    <message>
        <source>Map of the dataset</source>
        <translation>Карта набора данных</translation>
    </message>
    <message>
        <source>Similar images lie close together. Point at a dot, or use the arrow keys, to see its file; Enter selects its finding</source>
        <translation>Похожие изображения лежат рядом. Наведите указатель на точку или нажимайте стрелки, чтобы увидеть её файл; Enter выбирает её находку</translation>
    </message>
    <message>
        <source>named by a finding</source>
        <translation>упомянуто в находке</translation>
    </message>
    <message>
        <source>No map yet: check the dataset to draw one</source>
        <translation>Карты пока нет: проверьте набор данных, чтобы построить её</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) placed by similarity, coloured by class (%1); </source>
        <translation>
            <numerusform>%n изображение размещено по сходству, цвет — класс (%1); </numerusform>
            <numerusform>%n изображения размещены по сходству, цвет — класс (%1); </numerusform>
            <numerusform>%n изображений размещены по сходству, цвет — класс (%1); </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ringed: named by a finding</source>
        <translation>
            <numerusform>%n обведено: упомянуто в находке</numerusform>
            <numerusform>%n обведены: упомянуты в находках</numerusform>
            <numerusform>%n обведено: упомянуты в находках</numerusform>
        </translation>
    </message>
    <message>
        <source>test</source>
        <translation>проверка</translation>
    </message>
    <message>
        <source>train</source>
        <translation>обучение</translation>
    </message>
    <message>
        <source>%1, class %2 (%3)</source>
        <translation>%1, класс %2 (%3)</translation>
    </message>
    <message>
        <source>Check the dataset to see its map here: similar images lie close together.</source>
        <translation>Проверьте набор данных, чтобы увидеть здесь его карту: похожие изображения лежат рядом.</translation>
    </message>
    <message>
        <source>chosen finding</source>
        <translation>выбранная находка</translation>
    </message>
</context>
<context>
    <name>headstart::ui::DataPage</name>
    <message>
        <source>Reading the images</source>
        <translation>Чтение изображений</translation>
    </message>
    <message>
        <source>Comparing pictures</source>
        <translation>Сравнение картинок</translation>
    </message>
    <message>
        <source>Checking labels</source>
        <translation>Проверка меток</translation>
    </message>
    <message>
        <source>Finding duplicates</source>
        <translation>Поиск дубликатов</translation>
    </message>
    <message>
        <source>Finding outliers</source>
        <translation>Поиск выбросов</translation>
    </message>
    <message>
        <source>Drawing the map</source>
        <translation>Построение карты</translation>
    </message>
    <message>
        <source>Check the dataset</source>
        <translation>Проверить набор данных</translation>
    </message>
    <message>
        <source>Look for likely wrong labels, near-duplicates and outliers in the Train page's dataset</source>
        <translation>Найти вероятно неверные метки, почти одинаковые изображения и выбросы в наборе данных со страницы «Обучение»</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Dataset check progress</source>
        <translation>Ход проверки набора данных</translation>
    </message>
    <message>
        <source>Dataset check summary</source>
        <translation>Итоги проверки набора данных</translation>
    </message>
    <message>
        <source>Last action</source>
        <translation>Последнее действие</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>&amp;Изображение:</translation>
    </message>
    <message>
        <source>Image to act on</source>
        <translation>Изображение, к которому применяются действия</translation>
    </message>
    <message>
        <source>For a pair of duplicates: which of the two images the buttons act on</source>
        <translation>Для пары дубликатов: к какому из двух изображений применяются кнопки</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Показать в папке</translation>
    </message>
    <message>
        <source>Open the folder that holds the image</source>
        <translation>Открыть папку, в которой лежит изображение</translation>
    </message>
    <message>
        <source>Move the image into the suggested class folder of its split, after asking; nothing is overwritten</source>
        <translation>Переместить изображение в папку предложенного класса в той же части набора, спросив перед этим; ничего не перезаписывается</translation>
    </message>
    <message>
        <source>Undo last move</source>
        <translation>Отменить последнее перемещение</translation>
    </message>
    <message>
        <source>Move the last moved image back to where it was</source>
        <translation>Вернуть последнее перемещённое изображение на прежнее место</translation>
    </message>
    <message>
        <source>Choose a dataset on the Train page, then check it here.</source>
        <translation>Выберите набор данных на странице «Обучение», затем проверьте его здесь.</translation>
    </message>
    <message>
        <source>Dataset: %1</source>
        <translation>Набор данных: %1</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 из %3</translation>
    </message>
    <message>
        <source>Check cancelled</source>
        <translation>Проверка отменена</translation>
    </message>
    <message>
        <source>Check failed</source>
        <translation>Проверка не удалась</translation>
    </message>
    <message>
        <source>Checked in %1 s</source>
        <translation>Проверено за %1 с</translation>
    </message>
    <message>
        <source>Likely wrong labels</source>
        <translation>Вероятно неверные метки</translation>
    </message>
    <message>
        <source>Near-duplicates</source>
        <translation>Почти одинаковые изображения</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>Выбросы</translation>
    </message>
    <message>
        <source>Likely wrong &amp;labels</source>
        <translation>Вероятно неверные &amp;метки</translation>
    </message>
    <message>
        <source>Near-&amp;duplicates</source>
        <translation>Почти &amp;одинаковые изображения</translation>
    </message>
    <message>
        <source>&amp;Outliers</source>
        <translation>&amp;Выбросы</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The check finds images whose label looks wrong, near-duplicates (also between train and test) and outliers, and draws a map of the dataset.</source>
        <translation>Проверка находит изображения с подозрительной меткой, почти одинаковые изображения (в том числе между обучающей и тестовой частями) и выбросы и строит карту набора данных.</translation>
    </message>
    <message numerus="yes">
        <source>%n likely wrong label(s)</source>
        <translation>
            <numerusform>%n вероятно неверная метка</numerusform>
            <numerusform>%n вероятно неверные метки</numerusform>
            <numerusform>%n вероятно неверных меток</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n near-duplicate pair(s)</source>
        <translation>
            <numerusform>%n пара почти одинаковых изображений</numerusform>
            <numerusform>%n пары почти одинаковых изображений</numerusform>
            <numerusform>%n пар почти одинаковых изображений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n between train and test</source>
        <translation>
            <numerusform>%n между обучающей и тестовой частями</numerusform>
            <numerusform>%n между обучающей и тестовой частями</numerusform>
            <numerusform>%n между обучающей и тестовой частями</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outlier(s)</source>
        <translation>
            <numerusform>%n выброс</numerusform>
            <numerusform>%n выброса</numerusform>
            <numerusform>%n выбросов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be read</source>
        <translation>
            <numerusform>%n изображение не удалось прочитать</numerusform>
            <numerusform>%n изображения не удалось прочитать</numerusform>
            <numerusform>%n изображений не удалось прочитать</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) checked: </source>
        <translation>
            <numerusform>Проверено %n изображение: </numerusform>
            <numerusform>Проверено %n изображения: </numerusform>
            <numerusform>Проверено %n изображений: </numerusform>
        </translation>
    </message>
    <message>
        <source>test</source>
        <translation>проверка</translation>
    </message>
    <message>
        <source>train</source>
        <translation>обучение</translation>
    </message>
    <message>
        <source>%1 (%2): labelled %3, more likely %4 (%5 sure)</source>
        <translation>%1 (%2): метка %3, вероятнее %4 (уверенность %5)</translation>
    </message>
    <message>
        <source>one in train, one in test</source>
        <translation>одно в обучающей части, другое в тестовой</translation>
    </message>
    <message>
        <source>both %1</source>
        <translation>оба: %1</translation>
    </message>
    <message>
        <source>%1 and %2: one label is wrong</source>
        <translation>%1 и %2: одна из меток неверна</translation>
    </message>
    <message>
        <source>%1 (%2) and %3 (%4): %5, similarity %6</source>
        <translation>%1 (%2) и %3 (%4): %5, сходство %6</translation>
    </message>
    <message>
        <source>%1 (%2, %3): far from its class and its neighbours, score %4</source>
        <translation>%1 (%2, %3): далеко от своего класса и соседей, оценка %4</translation>
    </message>
    <message>
        <source>%1 excluded from training</source>
        <translation>%1 исключено из обучения</translation>
    </message>
    <message>
        <source>%1 moved to %2</source>
        <translation>%1 перемещено в %2</translation>
    </message>
    <message>
        <source>Include in training</source>
        <translation>Вернуть в обучение</translation>
    </message>
    <message>
        <source>Exclude from training</source>
        <translation>Исключить из обучения</translation>
    </message>
    <message>
        <source>Move to suggested class</source>
        <translation>Переместить в предложенный класс</translation>
    </message>
    <message>
        <source>Move to %1</source>
        <translation>Переместить в %1</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>Не удалось открыть %1</translation>
    </message>
    <message>
        <source>%1 is used for training again</source>
        <translation>%1 снова используется для обучения</translation>
    </message>
    <message>
        <source>%1 is left out of training; the file stays where it is (listed in %2)</source>
        <translation>%1 не используется для обучения; файл остаётся на месте (записано в %2)</translation>
    </message>
    <message>
        <source>Move the image</source>
        <translation>Перемещение изображения</translation>
    </message>
    <message>
        <source>Move %1
to the folder %2?

Nothing is overwritten: if that folder has a file of the same name, the moved one gets a number. Undo moves it back.</source>
        <translation>Переместить %1
в папку %2?

Ничего не перезаписывается: если в этой папке уже есть файл с таким именем, перемещённый получит номер. «Отменить последнее перемещение» вернёт его обратно.</translation>
    </message>
    <message>
        <source>Moved %1 to %2</source>
        <translation>%1 перемещено в %2</translation>
    </message>
    <message>
        <source>Moved %1 back to %2</source>
        <translation>%1 возвращено в %2</translation>
    </message>
    <message>
        <source>%1 (%2, %3): blank or nearly uniform image</source>
        <translation>%1 (%2, %3): пустое или почти однородное изображение</translation>
    </message>
</context>
<context>
    <name>headstart::ui::EvaluatePage</name>
    <message>
        <source>Train a head, or load one, to see how it does on the test images.</source>
        <translation>Обучите выходной слой или загрузите готовый, чтобы увидеть, как он справляется с тестовыми изображениями.</translation>
    </message>
    <message>
        <source>%1
→ %2 (%3)</source>
        <translation>%1
→ %2 (%3)</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Точность</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Полнота</translation>
    </message>
    <message>
        <source>F1 score</source>
        <translation>F-мера</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Изображений</translation>
    </message>
    <message>
        <source>Per-class metrics</source>
        <translation>Метрики по классам</translation>
    </message>
    <message>
        <source>Images of the chosen cell</source>
        <translation>Изображения выбранной клетки</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>Матрица ошибок</translation>
    </message>
    <message>
        <source>Show all mistakes</source>
        <translation>Показать все ошибки</translation>
    </message>
    <message>
        <source>Evaluate a trained head…</source>
        <translation>Оценить обученный выходной слой…</translation>
    </message>
    <message numerus="yes">
        <source>%n test image(s): accuracy %1, loss %2, top-5 accuracy %3</source>
        <translation>
            <numerusform>%n тестовое изображение: доля верных ответов %1, потери %2, доля верных в топ-5 %3</numerusform>
            <numerusform>%n тестовых изображения: доля верных ответов %1, потери %2, доля верных в топ-5 %3</numerusform>
            <numerusform>%n тестовых изображений: доля верных ответов %1, потери %2, доля верных в топ-5 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All mistakes: %n image(s) (click a cell of the matrix to see its images)</source>
        <translation>
            <numerusform>Все ошибки: %n изображение (щёлкните клетку матрицы, чтобы увидеть её изображения)</numerusform>
            <numerusform>Все ошибки: %n изображения (щёлкните клетку матрицы, чтобы увидеть её изображения)</numerusform>
            <numerusform>Все ошибки: %n изображений (щёлкните клетку матрицы, чтобы увидеть её изображения)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Correct %1: %n image(s)</source>
        <translation>
            <numerusform>Верно распознанные %1: %n изображение</numerusform>
            <numerusform>Верно распознанные %1: %n изображения</numerusform>
            <numerusform>Верно распознанные %1: %n изображений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2: %n image(s)</source>
        <translation>
            <numerusform>Истинный класс %1, предсказан %2: %n изображение</numerusform>
            <numerusform>Истинный класс %1, предсказан %2: %n изображения</numerusform>
            <numerusform>Истинный класс %1, предсказан %2: %n изображений</numerusform>
        </translation>
    </message>
    <message>
        <source>Click a cell, or move to it with the arrow keys, to list its images</source>
        <translation>Щёлкните клетку или перейдите к ней клавишами со стрелками, чтобы увидеть её изображения</translation>
    </message>
    <message>
        <source>Confusion matrix: %1</source>
        <translation>Матрица ошибок: %1</translation>
    </message>
    <message>
        <source>Choose a saved head and evaluate it on the Train page's dataset</source>
        <translation>Выбрать сохранённый выходной слой и оценить его на наборе данных со страницы «Обучение»</translation>
    </message>
</context>
<context>
    <name>headstart::ui::ExportDialog</name>
    <message>
        <source>Export the trained model</source>
        <translation>Экспорт обученной модели</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation>&amp;Папка</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Имя</translation>
    </message>
    <message>
        <source>Also the whole network (NAME-model.pt, about 100 MB for ResNet50): loads into torchvision's model with num_classes set</source>
        <translation>Также всю сеть (ИМЯ-model.pt, около 100 МБ для ResNet50): загружается в модель torchvision с заданным num_classes</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>Папка для экспорта</translation>
    </message>
    <message>
        <source>Enter a folder and a name (without a slash).</source>
        <translation>Укажите папку и имя (без косой черты).</translation>
    </message>
    <message>
        <source>Will write:</source>
        <translation>Будут записаны:</translation>
    </message>
    <message>
        <source>the new final layer, for torch.nn.Linear</source>
        <translation>новый выходной слой, для torch.nn.Linear</translation>
    </message>
    <message>
        <source>the whole network, for torchvision's model</source>
        <translation>вся сеть, для модели torchvision</translation>
    </message>
    <message>
        <source>the manifest: classes, how it was trained, results</source>
        <translation>манифест: классы, как шло обучение, результаты</translation>
    </message>
    <message>
        <source> (replaces the existing file)</source>
        <translation> (заменит существующий файл)</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Заменить</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспортировать</translation>
    </message>
    <message>
        <source>Also as ONNX (NAME.onnx): runs in ONNX Runtime, OpenCV and other engines without HeadStart; it takes resized RGB crops and does the normalisation itself</source>
        <translation>Также в ONNX (ИМЯ.onnx): работает в ONNX Runtime, OpenCV и других движках без HeadStart; принимает уменьшенные и обрезанные RGB-изображения и нормализует их сама</translation>
    </message>
    <message>
        <source>the network for ONNX Runtime and OpenCV, preprocessing inside</source>
        <translation>сеть для ONNX Runtime и OpenCV, предобработка внутри</translation>
    </message>
    <message>
        <source>This run fine-tuned the last stage: its trained layer4 is kept in the whole network</source>
        <translation>В этом запуске дообучена последняя стадия: обученный layer4 хранится в файле всей сети</translation>
    </message>
</context>
<context>
    <name>headstart::ui::FolderPredictDialog</name>
    <message>
        <source>Predict a folder</source>
        <translation>Распознать папку</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Ход работы</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>Все классы</translation>
    </message>
    <message>
        <source>&amp;Class</source>
        <translation>&amp;Класс</translation>
    </message>
    <message>
        <source>Confidence &amp;at most</source>
        <translation>Уверенность &amp;не выше</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Уверенность</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>Результаты распознавания</translation>
    </message>
    <message>
        <source>Save as CSV…</source>
        <translation>Сохранить в CSV…</translation>
    </message>
    <message>
        <source>Sort into folders…</source>
        <translation>Разложить по папкам…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Looking for images in %1…</source>
        <translation>Поиск изображений в %1…</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>не читается</translation>
    </message>
    <message>
        <source>%1 images/s</source>
        <translation>%1 изобр./с</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s)</source>
        <translation>
            <numerusform>%1 из %n изображения</numerusform>
            <numerusform>%1 из %n изображений</numerusform>
            <numerusform>%1 из %n изображений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n image(s).</source>
        <translation>
            <numerusform>Отменено после %n изображения.</numerusform>
            <numerusform>Отменено после %n изображений.</numerusform>
            <numerusform>Отменено после %n изображений.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Predicted %n image(s).</source>
        <translation>
            <numerusform>Распознано %n изображение.</numerusform>
            <numerusform>Распознано %n изображения.</numerusform>
            <numerusform>Распознано %n изображений.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read.</source>
        <translation>
            <numerusform>%n не удалось прочитать.</numerusform>
            <numerusform>%n не удалось прочитать.</numerusform>
            <numerusform>%n не удалось прочитать.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранён %1</translation>
    </message>
    <message>
        <source>Save predictions as CSV</source>
        <translation>Сохранить результаты в CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>Sorting into %1…</source>
        <translation>Раскладка в %1…</translation>
    </message>
    <message>
        <source>Sorted into %1: %2 new, %3 already there, %4 failed</source>
        <translation>Разложено в %1: новых %2, уже были там %3, с ошибкой %4</translation>
    </message>
    <message>
        <source>Computed in %1.</source>
        <translation>Режим вычислений: %1.</translation>
    </message>
    <message numerus="yes">
        <source>Calibrating turbo on %n image(s)…</source>
        <translation>
            <numerusform>Калибровка турбо-режима на %n изображении…</numerusform>
            <numerusform>Калибровка турбо-режима на %n изображениях…</numerusform>
            <numerusform>Калибровка турбо-режима на %n изображениях…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>headstart::ui::LossPlot</name>
    <message>
        <source>loss</source>
        <translation>потери</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>доля верных на валидации</translation>
    </message>
    <message>
        <source>epoch train loss</source>
        <translation>потери эпохи на обучении</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>потери на валидации</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>эпохи</translation>
    </message>
    <message>
        <source>batches (steps)</source>
        <translation>пакеты (шаги)</translation>
    </message>
    <message>
        <source>batch loss (faint)</source>
        <translation>потери на пакете (бледно)</translation>
    </message>
    <message>
        <source>validation accuracy (right axis)</source>
        <translation>доля верных на валидации (правая ось)</translation>
    </message>
    <message>
        <source>kept epoch: lowest validation loss</source>
        <translation>сохранённая эпоха: наименьшие потери на валидации</translation>
    </message>
    <message>
        <source>%1: no epoch finished yet</source>
        <translation>%1: ещё ни одна эпоха не завершена</translation>
    </message>
    <message>
        <source>%1: epoch %2 of %3, train loss %4</source>
        <translation>%1: эпоха %2 из %3, потери на обучении %4</translation>
    </message>
    <message>
        <source>, validation loss %1</source>
        <translation>, потери на валидации %1</translation>
    </message>
    <message>
        <source>, validation accuracy %1%</source>
        <translation>, доля верных на валидации %1%</translation>
    </message>
    <message>
        <source>No run shown</source>
        <translation>Запуски не показаны</translation>
    </message>
    <message>
        <source>loss (off the top: %1)</source>
        <translation>потери (выше края: %1)</translation>
    </message>
</context>
<context>
    <name>headstart::ui::LrPlot</name>
    <message>
        <source>No learning-rate search yet</source>
        <translation>Шаг обучения ещё не подбирался</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>шаг обучения</translation>
    </message>
    <message>
        <source>smoothed loss</source>
        <translation>сглаженные потери</translation>
    </message>
    <message>
        <source>Learning-rate search</source>
        <translation>Подбор шага обучения</translation>
    </message>
    <message>
        <source>No clear descent of the loss: no learning rate suggested</source>
        <translation>Явного спада потерь нет: скорость обучения не предложена</translation>
    </message>
    <message>
        <source>Suggested learning rate %1, half-way down the loss's valley from %2 to %3</source>
        <translation>Предлагаемый шаг обучения %1: середина спуска в долину потерь от %2 до %3</translation>
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
        <translation>&amp;Загрузить обученный выходной слой…</translation>
    </message>
    <message>
        <source>Trained head</source>
        <translation>Обученный выходной слой</translation>
    </message>
    <message>
        <source>Use &amp;ImageNet classes</source>
        <translation>Классы &amp;ImageNet</translation>
    </message>
    <message>
        <source>&amp;Export trained head…</source>
        <translation>&amp;Экспортировать обученный выходной слой…</translation>
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
        <source>Nothing to export yet: train a head first</source>
        <translation>Пока нечего экспортировать: сначала обучите выходной слой</translation>
    </message>
    <message>
        <source>HeadStart export (*.json *.pt);;All files (*)</source>
        <translation>Экспорт HeadStart (*.json *.pt);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Wait for the training run to end, or cancel it, before opening a project</source>
        <translation>Дождитесь конца обучения или отмените его, прежде чем открывать проект</translation>
    </message>
    <message numerus="yes">
        <source>Project %1: %n run(s)</source>
        <translation>
            <numerusform>Проект %1: %n запуск</numerusform>
            <numerusform>Проект %1: %n запуска</numerusform>
            <numerusform>Проект %1: %n запусков</numerusform>
        </translation>
    </message>
    <message>
        <source>HeadStart — %1</source>
        <translation>HeadStart — %1</translation>
    </message>
    <message>
        <source>Open p&amp;roject…</source>
        <translation>Открыть п&amp;роект…</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Открыть проект</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>Сохранить проект &amp;как…</translation>
    </message>
    <message>
        <source>Save project as (an empty or new folder)</source>
        <translation>Сохранить проект как (пустая или новая папка)</translation>
    </message>
    <message>
        <source>The project is now kept in %1</source>
        <translation>Теперь проект хранится в %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n could not be read</source>
        <translation>
            <numerusform>%1 из %n не удалось прочитать</numerusform>
            <numerusform>%1 из %n не удалось прочитать</numerusform>
            <numerusform>%1 из %n не удалось прочитать</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 on %2 (test images)</source>
        <translation>%1 на %2 (тестовые изображения)</translation>
    </message>
    <message>
        <source>Evaluated %1</source>
        <translation>Оценён %1</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Проверка %1…</translation>
    </message>
    <message>
        <source>Using %1 (%2)</source>
        <translation>Используется %1 (%2)</translation>
    </message>
    <message>
        <source>%1 is a trained layer, not pretrained weights</source>
        <translation>%1 — обученный слой, а не предобученные веса</translation>
    </message>
    <message>
        <source>This file comes from a HeadStart export: a final layer trained on your classes. Pretrained weights are a whole ResNet trained on ImageNet, such as torchvision's resnet50-11ad3fa6.pth. You can load this file as the trained layer instead.</source>
        <translation>Этот файл из экспорта HeadStart: выходной слой, обученный на ваших классах. Предобученные веса — это вся сеть ResNet, обученная на ImageNet, например resnet50-11ad3fa6.pth из torchvision. Этот файл можно загрузить как обученный слой.</translation>
    </message>
    <message>
        <source>%1 cannot be used as pretrained weights</source>
        <translation>%1 нельзя использовать как предобученные веса</translation>
    </message>
    <message>
        <source>%1 was not taken as pretrained weights</source>
        <translation>%1 не принят как предобученные веса</translation>
    </message>
    <message>
        <source>%1, %2 (%3); %4</source>
        <translation>%1, %2 (%3); %4</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) waiting: they are predicted once pretrained weights are chosen (see the panel above)</source>
        <translation>
            <numerusform>%n изображение ждёт: оно будет распознано, как только будут выбраны предобученные веса (см. панель выше)</numerusform>
            <numerusform>%n изображения ждут: они будут распознаны, как только будут выбраны предобученные веса (см. панель выше)</numerusform>
            <numerusform>%n изображений ждут: они будут распознаны, как только будут выбраны предобученные веса (см. панель выше)</numerusform>
        </translation>
    </message>
    <message>
        <source>Training %1…</source>
        <translation>Обучение: %1…</translation>
    </message>
    <message>
        <source>&amp;Export %1…</source>
        <translation>&amp;Экспортировать %1…</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>Экспорт: %1</translation>
    </message>
    <message>
        <source>Choose a dataset on the Train page first: the head is evaluated on its test images</source>
        <translation>Сначала выберите набор данных на странице «Обучение»: выходной слой оценивается на его тестовых изображениях</translation>
    </message>
    <message>
        <source>Wait for the training run to end</source>
        <translation>Дождитесь окончания обучения</translation>
    </message>
    <message>
        <source>Evaluating %1…</source>
        <translation>Оценка %1…</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>Идёт обучение</translation>
    </message>
    <message>
        <source>Stop the training run and quit? Its curves so far are kept in the project; finished runs are all saved.</source>
        <translation>Остановить обучение и выйти? Уже полученные кривые останутся в проекте; завершённые запуски сохранены.</translation>
    </message>
    <message>
        <source>fast mode</source>
        <translation>быстрый режим</translation>
    </message>
    <message>
        <source>exact mode</source>
        <translation>точный режим</translation>
    </message>
    <message>
        <source>&amp;Speed</source>
        <translation>&amp;Скорость</translation>
    </message>
    <message>
        <source>&amp;Automatic: exact predictions, fast training where possible</source>
        <translation>&amp;Автоматически: распознавание в точном режиме, обучение в быстром, где возможно</translation>
    </message>
    <message>
        <source>&amp;Exact: the same numbers as PyTorch</source>
        <translation>&amp;Точно: те же числа, что в PyTorch</translation>
    </message>
    <message>
        <source>&amp;Fast: bfloat16, about three times faster; top classes rarely change</source>
        <translation>&amp;Быстро: bfloat16, примерно втрое быстрее; лучшие классы меняются редко</translation>
    </message>
    <message>
        <source>Needs a processor that computes in bfloat16 natively (avx512_bf16 or amx_bf16); this one does not</source>
        <translation>Нужен процессор с аппаратной поддержкой bfloat16 (avx512_bf16 или amx_bf16); у этого её нет</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранён %1</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Данные</translation>
    </message>
    <message>
        <source>Dataset checked in %1 s</source>
        <translation>Набор данных проверен за %1 с</translation>
    </message>
    <message>
        <source>Dataset check cancelled</source>
        <translation>Проверка набора данных отменена</translation>
    </message>
    <message>
        <source>Wait for the dataset check to end, or cancel it</source>
        <translation>Дождитесь конца проверки набора данных или отмените её</translation>
    </message>
    <message>
        <source>Choose a dataset on the Train page first: its images are checked</source>
        <translation>Сначала выберите набор данных на странице «Обучение»: проверяются его изображения</translation>
    </message>
    <message>
        <source>Wait for the running job to end, or cancel it</source>
        <translation>Дождитесь окончания текущей работы или отмените её</translation>
    </message>
    <message>
        <source>turbo mode</source>
        <translation>турборежим</translation>
    </message>
    <message>
        <source>turbo mode, calibrated on %1</source>
        <translation>турборежим, калибровка: %1</translation>
    </message>
    <message>
        <source>&amp;Turbo: 8-bit integers, the fastest; may cost a little accuracy</source>
        <translation>&amp;Турбо: 8-битные целые числа, быстрее всего; доля верных ответов может немного снизиться</translation>
    </message>
    <message>
        <source>Learning rate found in %1 s</source>
        <translation>Шаг обучения подобран за %1 с</translation>
    </message>
    <message>
        <source>Learning-rate search cancelled</source>
        <translation>Подбор шага обучения отменён</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Ошибка: %1</translation>
    </message>
    <message>
        <source>Searching for a learning rate…</source>
        <translation>Подбор шага обучения…</translation>
    </message>
    <message numerus="yes">
        <source>Calibrating turbo on %n image(s)…</source>
        <translation>
            <numerusform>Калибровка турбо-режима на %n изображении…</numerusform>
            <numerusform>Калибровка турбо-режима на %n изображениях…</numerusform>
            <numerusform>Калибровка турбо-режима на %n изображениях…</numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluate a trained head</source>
        <translation>Оценить обученный выходной слой</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Новый проект…</translation>
    </message>
    <message>
        <source>Project folder:</source>
        <translation>Папка проекта:</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Выбрать</translation>
    </message>
    <message>
        <source>New project (an empty or new folder)</source>
        <translation>Новый проект (пустая или новая папка)</translation>
    </message>
    <message>
        <source>%1: choose an empty or new folder for the project</source>
        <translation>%1: выберите для проекта пустую или новую папку</translation>
    </message>
    <message>
        <source>New project in %1</source>
        <translation>Новый проект в %1</translation>
    </message>
    <message>
        <source>Also the &amp;mirror image (test-time flip)</source>
        <translation>Также &amp;зеркальное отражение (test-time flip)</translation>
    </message>
    <message>
        <source>Predicts and evaluates each image and its mirror image, their probabilities averaged: often a little more accurate, twice the work</source>
        <translation>Распознаёт и оценивает каждое изображение и его зеркальное отражение, усредняя вероятности: обычно чуть точнее, но вдвое больше работы</translation>
    </message>
    <message>
        <source>Pretrained weights are a ResNet (18, 34, 50, 101 or 152) trained on ImageNet's 1000 classes. The weights in use stay as they were.</source>
        <translation>Предобученные веса — это ResNet (18, 34, 50, 101 или 152), обученная на 1000 классах ImageNet. Текущие веса остаются прежними.</translation>
    </message>
    <message>
        <source>Pretrained ResNet weights are needed</source>
        <translation>Нужны предобученные веса ResNet</translation>
    </message>
    <message>
        <source>No ResNet weights file was found in %1, torchvision's download folder, where Python would have put it. Download ResNet50, 34 or 18 here, or choose a .pth file you already have.</source>
        <translation>Файл весов ResNet не найден в %1 — папке загрузок torchvision, куда его положил бы Python. Загрузите здесь ResNet50, 34 или 18 или выберите уже имеющийся файл .pth.</translation>
    </message>
</context>
<context>
    <name>headstart::ui::NumberField</name>
    <message>
        <source>a number above %1 and at most %2, such as %3 or 1e-4</source>
        <translation>число больше %1 и не больше %2, например %3 или 1e-4</translation>
    </message>
    <message>
        <source>a number from %1 to %2, such as %3</source>
        <translation>число от %1 до %2, например %3</translation>
    </message>
    <message>
        <source>Enter %1. Both . and , are read as the decimal point.</source>
        <translation>Введите %1. И точка, и запятая читаются как десятичный разделитель.</translation>
    </message>
    <message>
        <source>%1 is out of range: enter %2.</source>
        <translation>%1 вне допустимого диапазона: введите %2.</translation>
    </message>
    <message>
        <source>"%1" is not a number: enter %2.</source>
        <translation>«%1» — не число: введите %2.</translation>
    </message>
</context>
<context>
    <name>headstart::ui::PredictPage</name>
    <message>
        <source>Show why (class activation map)</source>
        <translation>Показать почему (карта активации класса)</translation>
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
        <source>Open images</source>
        <translation>Открыть изображения</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Изображения (%1)</translation>
    </message>
    <message>
        <source>ImageNet classes</source>
        <translation>классы ImageNet</translation>
    </message>
    <message>
        <source>classes of %1</source>
        <translation>классы %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Убрать %1</translation>
    </message>
    <message>
        <source>Remove this card</source>
        <translation>Убрать эту карточку</translation>
    </message>
    <message>
        <source>%1: could not be read</source>
        <translation>%1: не удалось прочитать</translation>
    </message>
    <message>
        <source>%1: %2, %3 %</source>
        <translation>%1: %2, %3 %</translation>
    </message>
    <message>
        <source>Paste an image, or the path of an image file (Ctrl+V)</source>
        <translation>Вставить изображение или путь к файлу изображения (Ctrl+V)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>Remove every card</source>
        <translation>Убрать все карточки</translation>
    </message>
    <message>
        <source>Drop images or folders here, or use "Open images…" or "Paste" above (Ctrl+O, Ctrl+V).</source>
        <translation>Перетащите сюда изображения или папки либо нажмите «Открыть изображения…» или «Вставить» выше (Ctrl+O, Ctrl+V).</translation>
    </message>
    <message>
        <source>Prediction progress</source>
        <translation>Ход распознавания</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>Результаты распознавания</translation>
    </message>
    <message>
        <source>Predict a folder…</source>
        <translation>Распознать папку…</translation>
    </message>
    <message>
        <source>Every image in a folder and its subfolders, in a table you can sort, filter, save as CSV and sort into class folders</source>
        <translation>Все изображения папки и вложенных папок в таблице, которую можно упорядочить, отфильтровать, сохранить в CSV и разложить по папкам классов</translation>
    </message>
    <message>
        <source>Predict a folder</source>
        <translation>Распознать папку</translation>
    </message>
    <message>
        <source>turbo</source>
        <translation>турбо</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>быстрый</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>точный</translation>
    </message>
    <message>
        <source>Show why for the class</source>
        <translation>Показать причину для класса</translation>
    </message>
    <message>
        <source>The class whose evidence the picture shows</source>
        <translation>Класс, свидетельства в пользу которого показывает картинка</translation>
    </message>
    <message>
        <source>Computed in %1 mode</source>
        <translation>Режим вычислений: %1</translation>
    </message>
    <message>
        <source>Computed in turbo mode, calibrated on %1</source>
        <translation>Вычислено в турбо-режиме, калибровка: %1</translation>
    </message>
    <message>
        <source>Colours the part of the network's view that most supports a class: the top one, or the one chosen under the picture</source>
        <translation>Раскрашивает ту часть изображения, которая сильнее всего говорит в пользу класса: самого вероятного или выбранного под картинкой</translation>
    </message>
    <message>
        <source>Predicting: %1 of %2 read</source>
        <translation>Распознавание: прочитано %1 из %2</translation>
    </message>
    <message numerus="yes">
        <source>Calibrating turbo on %n image(s)…</source>
        <translation>
            <numerusform>Калибровка турбо-режима на %n изображении…</numerusform>
            <numerusform>Калибровка турбо-режима на %n изображениях…</numerusform>
            <numerusform>Калибровка турбо-режима на %n изображениях…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>headstart::ui::Project</name>
    <message>
        <source>%1: cannot create the project folder</source>
        <translation>%1: не удаётся создать папку проекта</translation>
    </message>
    <message>
        <source>Interrupted at epoch %1 of %2: HeadStart closed during training</source>
        <translation>Прервано на эпохе %1 из %2: HeadStart закрылся во время обучения</translation>
    </message>
    <message>
        <source>%1: choose an empty or new folder for the project</source>
        <translation>%1: выберите для проекта пустую или новую папку</translation>
    </message>
    <message>
        <source>%1: cannot copy the project there</source>
        <translation>%1: не удаётся скопировать туда проект</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Запуск %1</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1: не удаётся создать папку</translation>
    </message>
</context>
<context>
    <name>headstart::ui::RunsView</name>
    <message>
        <source>Run</source>
        <translation>Запуск</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Набор данных</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Начат</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>Доля верных на проверке</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Training runs</source>
        <translation>Запуски обучения</translation>
    </message>
    <message>
        <source>Tick a run to draw it in the plot; double-click its name to rename it</source>
        <translation>Отметьте запуск, чтобы показать его на графике; дважды щёлкните имя, чтобы переименовать</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Экспортировать…</translation>
    </message>
    <message>
        <source>Export the selected run's trained layer</source>
        <translation>Экспортировать обученный слой выбранного запуска</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Оценить</translation>
    </message>
    <message>
        <source>Show the selected run's results on the Evaluate page</source>
        <translation>Показать результаты выбранного запуска на странице «Оценка»</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Переименовать</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Remove the selected run from the project (your images stay)</source>
        <translation>Убрать выбранный запуск из проекта (ваши изображения останутся)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>идёт</translation>
    </message>
    <message>
        <source>done</source>
        <translation>готово</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменён</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s), lr %1, batch %2</source>
        <translation>
            <numerusform>%n эпоха, шаг обучения %1, пакет %2</numerusform>
            <numerusform>%n эпохи, шаг обучения %1, пакет %2</numerusform>
            <numerusform>%n эпох, шаг обучения %1, пакет %2</numerusform>
        </translation>
    </message>
    <message>
        <source>, validation %1%</source>
        <translation>, валидация %1%</translation>
    </message>
    <message>
        <source>, cosine schedule</source>
        <translation>, косинусное расписание</translation>
    </message>
    <message>
        <source>, one-cycle schedule</source>
        <translation>, расписание «один цикл»</translation>
    </message>
    <message>
        <source>, warm-up %1</source>
        <translation>, разогрев %1</translation>
    </message>
    <message>
        <source>, label smoothing %1</source>
        <translation>, сглаживание меток %1</translation>
    </message>
    <message>
        <source>, balanced</source>
        <translation>, с балансировкой классов</translation>
    </message>
    <message numerus="yes">
        <source>, %n augmented view(s)</source>
        <translation>
            <numerusform>, %n аугментированный вид</numerusform>
            <numerusform>, %n аугментированных вида</numerusform>
            <numerusform>, %n аугментированных видов</numerusform>
        </translation>
    </message>
    <message>
        <source>last stage, %1</source>
        <translation>последняя стадия, %1</translation>
    </message>
</context>
<context>
    <name>headstart::ui::SortDialog</name>
    <message>
        <source>Sort into folders</source>
        <translation>Разложить по папкам</translation>
    </message>
    <message>
        <source>Copies each image into a folder named after its class, and those below the confidence into _uncertain. The images themselves are never moved, changed or overwritten.</source>
        <translation>Копирует каждое изображение в папку с именем его класса, а изображения с уверенностью ниже порога — в _uncertain. Сами изображения никогда не перемещаются, не изменяются и не перезаписываются.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Choose the folder to sort into</source>
        <translation>Выбрать папку, в которую раскладывать</translation>
    </message>
    <message>
        <source>Sort &amp;into</source>
        <translation>&amp;Куда разложить</translation>
    </message>
    <message>
        <source>&amp;Minimum confidence</source>
        <translation>&amp;Наименьшая уверенность</translation>
    </message>
    <message>
        <source>&amp;Hard links instead of copies (same disk, no extra space)</source>
        <translation>&amp;Жёсткие ссылки вместо копий (тот же диск, без лишнего места)</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>Разложить</translation>
    </message>
    <message>
        <source>Sort into</source>
        <translation>Куда разложить</translation>
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
        <source>Train</source>
        <translation>Обучить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Recent dataset folders</source>
        <translation>Недавние папки с данными</translation>
    </message>
    <message>
        <source>Dataset report</source>
        <translation>Отчёт о наборе данных</translation>
    </message>
    <message>
        <source>&amp;Epochs</source>
        <translation>&amp;Эпох</translation>
    </message>
    <message>
        <source>&amp;Batch size</source>
        <translation>&amp;Размер пакета</translation>
    </message>
    <message>
        <source>&amp;Learning rate</source>
        <translation>&amp;Шаг обучения</translation>
    </message>
    <message>
        <source>&amp;Weight decay</source>
        <translation>&amp;Затухание весов</translation>
    </message>
    <message>
        <source>&amp;Seed</source>
        <translation>&amp;Сид (seed)</translation>
    </message>
    <message>
        <source>&amp;Validation fraction</source>
        <translation>&amp;Доля для валидации</translation>
    </message>
    <message>
        <source>&amp;Patience (epochs)</source>
        <translation>&amp;Терпение (эпох)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>выкл.</translation>
    </message>
    <message>
        <source>With a validation fraction: stop after this many epochs without a better validation loss</source>
        <translation>При доле для валидации: остановиться после стольких эпох без улучшения потерь на валидации</translation>
    </message>
    <message>
        <source>Stop the run (Esc); its curves are kept</source>
        <translation>Остановить запуск (Esc); его кривые сохранятся</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>Ход обучения</translation>
    </message>
    <message>
        <source>x: epochs</source>
        <translation>x: эпохи</translation>
    </message>
    <message>
        <source>x: batches (steps)</source>
        <translation>x: пакеты (шаги)</translation>
    </message>
    <message>
        <source>Horizontal axis of the plot</source>
        <translation>Горизонтальная ось графика</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>Сбросить вид</translation>
    </message>
    <message>
        <source>Fit the plot to the runs shown (drag to pan, wheel to zoom)</source>
        <translation>Вписать график в показанные запуски (перетаскивание — сдвиг, колесо — масштаб)</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>Кривые обучения</translation>
    </message>
    <message>
        <source>A field in red does not hold an acceptable number: see its tooltip</source>
        <translation>В красном поле недопустимое число: см. его подсказку</translation>
    </message>
    <message>
        <source>Choose a dataset folder first</source>
        <translation>Сначала выберите папку с данными</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>Запуск: %1…</translation>
    </message>
    <message>
        <source>%1 done: test accuracy %2</source>
        <translation>%1 готов: доля верных на проверке %2</translation>
    </message>
    <message>
        <source>Cancelled at epoch %1 of %2</source>
        <translation>Отменено на эпохе %1 из %2</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Ошибка: %1</translation>
    </message>
    <message>
        <source>Drag to pan, wheel to zoom; on the keyboard, arrows pan, + and - zoom, Home fits</source>
        <translation>Перетаскивание — сдвиг, колесо — масштаб; с клавиатуры: стрелки — сдвиг, + и - — масштаб, Home — вписать</translation>
    </message>
    <message>
        <source>Fin&amp;d learning rate</source>
        <translation>Под&amp;обрать шаг обучения</translation>
    </message>
    <message>
        <source>Train briefly on the cached features while the learning rate rises, and put the rate where the loss falls fastest into the field above</source>
        <translation>Недолго обучить на кэшированных признаках, повышая шаг обучения, и вписать в поле выше шаг, при котором потери падают быстрее всего</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Дополнительно</translation>
    </message>
    <message>
        <source>Sc&amp;hedule</source>
        <translation>Распи&amp;сание</translation>
    </message>
    <message>
        <source>Warm-&amp;up (epochs)</source>
        <translation>Разо&amp;грев (эпохи)</translation>
    </message>
    <message>
        <source>Label smoothin&amp;g</source>
        <translation>Сглаживание &amp;меток</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>Постоянное</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Косинусное</translation>
    </message>
    <message>
        <source>One cycle</source>
        <translation>Один цикл</translation>
    </message>
    <message>
        <source>How the learning rate changes: constant (as the notebook), cosine decay to zero, or one cycle up and down</source>
        <translation>Как меняется шаг обучения: постоянный (как в блокноте курса), косинусный спад до нуля или один цикл вверх и вниз</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Расписание</translation>
    </message>
    <message>
        <source>Epochs over which the learning rate rises linearly to its value (may be fractional); for one cycle, the length of its rise (0: 30% of the run)</source>
        <translation>Эпохи, за которые шаг обучения линейно растёт до своего значения (можно дробные); для одного цикла — длина подъёма (0: 30% запуска)</translation>
    </message>
    <message>
        <source>Part of each label spread over the other classes, from 0 (none) to 0.9</source>
        <translation>Доля каждой метки, распределяемая по другим классам, от 0 (нет) до 0.9</translation>
    </message>
    <message>
        <source>Searching for a learning rate…</source>
        <translation>Подбор шага обучения…</translation>
    </message>
    <message>
        <source>Suggested learning rate: %1 (now in the form)</source>
        <translation>Предлагаемый шаг обучения: %1 (уже в форме)</translation>
    </message>
    <message>
        <source>Aug&amp;mented views per image</source>
        <translation>Аугментированных в&amp;идов на изображение</translation>
    </message>
    <message>
        <source>Besides its centre crop, each training image is also seen as this many random crops with flips and colour changes, one drawn per epoch; each view costs one more pass of the network over the training images the first time, and is cached after.</source>
        <translation>Помимо центрального кадра, каждое обучающее изображение показывается сети ещё в стольких случайных кадрах с отражениями и изменениями цвета, по одному за эпоху; каждый вид в первый раз стоит ещё одного прохода сети по обучающим изображениям, а потом берётся из кэша.</translation>
    </message>
    <message>
        <source>Fine-&amp;tune</source>
        <translation>Дообу&amp;чать</translation>
    </message>
    <message>
        <source>Last layer only</source>
        <translation>Только последний слой</translation>
    </message>
    <message>
        <source>Last stage and layer</source>
        <translation>Последнюю стадию и слой</translation>
    </message>
    <message>
        <source>Last stage and layer: layer4 trains too, after a head-only epoch; the frozen part's output is cached on disk (up to 4 GB, oldest entries removed)</source>
        <translation>Последнюю стадию и слой: после эпохи обучения только головы обучается и layer4; выход замороженной части кэшируется на диске (до 4 ГБ, старые записи удаляются)</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>Дообучать</translation>
    </message>
    <message numerus="yes">
        <source>%n older cached layer3 output(s) removed to stay within the cache budget</source>
        <translation>
            <numerusform>из кэша удалён %n более старый сохранённый выход layer3, чтобы уложиться в бюджет кэша</numerusform>
            <numerusform>из кэша удалены %n более старых сохранённых выхода layer3, чтобы уложиться в бюджет кэша</numerusform>
            <numerusform>из кэша удалено %n более старых сохранённых выходов layer3, чтобы уложиться в бюджет кэша</numerusform>
        </translation>
    </message>
    <message>
        <source>No clear descent; keeping the current rate %1</source>
        <translation>Явного спада нет; остаётся текущий шаг %1</translation>
    </message>
    <message>
        <source>Le&amp;gend</source>
        <translation>Ле&amp;генда</translation>
    </message>
    <message>
        <source>Show the legend under the plot; it folds away where the plot is too short for it</source>
        <translation>Показывать легенду под графиком; она скрывается, где графику не хватает высоты</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>Удалить запуск</translation>
    </message>
    <message>
        <source>Delete %1 from the project, with its curves and trained layer? This cannot be undone; your images and exported files stay.</source>
        <translation>Удалить %1 из проекта вместе с кривыми и обученным слоем? Это нельзя отменить; ваши изображения и экспортированные файлы останутся.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Reading images through the network: %1 of %2</source>
        <translation>Изображения проходят через сеть: %1 из %2</translation>
    </message>
    <message numerus="yes">
        <source>, %n from the cache</source>
        <translation>
            <numerusform>, %n из кэша</numerusform>
            <numerusform>, %n из кэша</numerusform>
            <numerusform>, %n из кэша</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 images/s</source>
        <translation>, %1 изобр./с</translation>
    </message>
    <message>
        <source>, about %1 left</source>
        <translation>, осталось около %1</translation>
    </message>
    <message>
        <source>Epoch %1 of %2</source>
        <translation>Эпоха %1 из %2</translation>
    </message>
    <message>
        <source>Head warm-up: epoch %1 of %2</source>
        <translation>Разогрев последнего слоя: эпоха %1 из %2</translation>
    </message>
    <message>
        <source>Last stage: epoch %1 of %2</source>
        <translation>Последняя стадия: эпоха %1 из %2</translation>
    </message>
    <message>
        <source>, mean loss so far %1</source>
        <translation>, средние потери %1</translation>
    </message>
    <message>
        <source>Cancelled during the head warm-up, before the last stage trained</source>
        <translation>Отменено во время разогрева последнего слоя, до обучения последней стадии</translation>
    </message>
    <message>
        <source>Cancelled at last-stage epoch %1 of %2</source>
        <translation>Отменено на эпохе %1 из %2 последней стадии</translation>
    </message>
    <message>
        <source>Another run is already called %1: choose another name</source>
        <translation>Запуск с именем %1 уже есть: выберите другое имя</translation>
    </message>
    <message>
        <source>Bala&amp;nce classes</source>
        <translation>Балансировать &amp;классы</translation>
    </message>
    <message>
        <source>Weight the loss by how rare each class is</source>
        <translation>Взвешивать потери по редкости каждого класса</translation>
    </message>
    <message>
        <source>Test-time fl&amp;ip</source>
        <translation>&amp;Отражение при проверке (test-time flip)</translation>
    </message>
    <message>
        <source>Evaluate each test image and its mirror image: the test accuracy averages their probabilities; training never sees it</source>
        <translation>Оценивать каждое тестовое изображение и его зеркальное отражение: доля верных на проверке усредняет их вероятности; обучение отражений не видит</translation>
    </message>
    <message>
        <source>Warm-start ImageNet's classes</source>
        <translation>Классы ImageNet — с весов предобученного слоя</translation>
    </message>
    <message>
        <source>Classes named like ImageNet's ("tabby cat", "tabby") start from the pretrained layer's weights for them</source>
        <translation>Классы, названные как классы ImageNet («tabby cat», «tabby»), начинают с весов предобученного слоя для них</translation>
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
        <source>Cannot download %1: %2. Without a network connection, download the file on another computer and choose it with "Choose a file…".</source>
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
    <message>
        <source>Load it as the trained layer</source>
        <translation>Загрузить как обученный слой</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Ход загрузки</translation>
    </message>
    <message>
        <source>Download from download.pytorch.org</source>
        <translation>Загрузить с download.pytorch.org</translation>
    </message>
    <message>
        <source>%1 (%2 MB)</source>
        <translation>%1 (%2 МБ)</translation>
    </message>
    <message>
        <source>Network to download</source>
        <translation>Какую сеть загрузить</translation>
    </message>
    <message>
        <source>ResNet50 is the most accurate; ResNet18 and ResNet34 are smaller and several times faster, for slow computers or many images</source>
        <translation>ResNet50 точнее всех; ResNet18 и ResNet34 меньше и в несколько раз быстрее — для медленных компьютеров или множества изображений</translation>
    </message>
</context>
</TS>