<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2): %3 classes, %4 training and %5 test images</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2): %3 classes, %4 training and %5 test images</translation>
    </message>
    <message>
        <source>class</source>
        <translation>class</translation>
    </message>
    <message>
        <source>train</source>
        <translation>train</translation>
    </message>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source>&lt;p&gt;skipped %1: %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;skipped %1: %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>unknown --arch &apos;%1&apos;</source>
        <translation>unknown --arch &apos;%1&apos;</translation>
    </message>
    <message numerus="yes">
        <source>Test: %n image(s), accuracy %1, loss %2, top-5 accuracy %3
</source>
        <translation>
            <numerusform>Test: %n image, accuracy %1, loss %2, top-5 accuracy %3
</numerusform>
            <numerusform>Test: %n images, accuracy %1, loss %2, top-5 accuracy %3
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
        <translation>class</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>precision</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>recall</translation>
    </message>
    <message>
        <source>f1</source>
        <translation>f1</translation>
    </message>
    <message>
        <source>support</source>
        <translation>support</translation>
    </message>
    <message>
        <source>invalid --%1 &apos;%2&apos;</source>
        <translation>invalid --%1 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>Pretrained weights file (.pth).</source>
        <translation>Pretrained weights file (.pth).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>resnet18, resnet34, resnet50, resnet101 or resnet152.</source>
        <translation>resnet18, resnet34, resnet50, resnet101 or resnet152.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Machine-readable output: JSON lines.</source>
        <translation>Machine-readable output: JSON lines.</translation>
    </message>
    <message>
        <source>Measures a trained head on a dataset&apos;s test images.</source>
        <translation>Measures a trained head on a dataset&apos;s test images.</translation>
    </message>
    <message>
        <source>Dataset folder.</source>
        <translation>Dataset folder.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>Trained head (NAME.pt with NAME.json).</source>
        <translation>Trained head (NAME.pt with NAME.json).</translation>
    </message>
    <message>
        <source>HEAD.pt</source>
        <translation>HEAD.pt</translation>
    </message>
    <message>
        <source>Feature cache folder (&apos;-&apos; for none).</source>
        <translation>Feature cache folder (&apos;-&apos; for none).</translation>
    </message>
    <message>
        <source>Test part when the folder has no train/test split (0.2).</source>
        <translation>Test part when the folder has no train/test split (0.2).</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>Seed of that split (0).</source>
        <translation>Seed of that split (0).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>--data DIR and --head HEAD.pt are required</source>
        <translation>--data DIR and --head HEAD.pt are required</translation>
    </message>
    <message>
        <source>headstart-cli: unknown command &apos;%1&apos;
</source>
        <translation>headstart-cli: unknown command &apos;%1&apos;
</translation>
    </message>
    <message>
        <source>Prints the most likely ImageNet classes of each image.</source>
        <translation>Prints the most likely ImageNet classes of each image.</translation>
    </message>
    <message>
        <source>Weights file (.pth).</source>
        <translation>Weights file (.pth).</translation>
    </message>
    <message>
        <source>How many classes to print.</source>
        <translation>How many classes to print.</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>One JSON object per image and line.</source>
        <translation>One JSON object per image and line.</translation>
    </message>
    <message>
        <source>Preprocessing: v1 (resize 256) or v2 (resize 232). Default: the one the weights were trained with.</source>
        <translation>Preprocessing: v1 (resize 256) or v2 (resize 232). Default: the one the weights were trained with.</translation>
    </message>
    <message>
        <source>Rotate images as their EXIF orientation says (torchvision does not).</source>
        <translation>Rotate images as their EXIF orientation says (torchvision does not).</translation>
    </message>
    <message>
        <source>Images per forward pass.</source>
        <translation>Images per forward pass.</translation>
    </message>
    <message>
        <source>A trained head (NAME.pt with its NAME.json): predict its classes.</source>
        <translation>A trained head (NAME.pt with its NAME.json): predict its classes.</translation>
    </message>
    <message>
        <source>Image files.</source>
        <translation>Image files.</translation>
    </message>
    <message>
        <source>IMAGE...</source>
        <translation>IMAGE...</translation>
    </message>
    <message>
        <source>headstart-cli predict: invalid --arch, --top or --batch-size
</source>
        <translation>headstart-cli predict: invalid --arch, --top or --batch-size
</translation>
    </message>
    <message>
        <source>headstart-cli predict: no image given
</source>
        <translation>headstart-cli predict: no image given
</translation>
    </message>
    <message>
        <source>headstart-cli predict: unknown --preset &apos;%1&apos; (use v1 or v2)
</source>
        <translation>headstart-cli predict: unknown --preset &apos;%1&apos; (use v1 or v2)
</translation>
    </message>
    <message>
        <source>Dataset %1 (%2): %3 classes, %4 training and %5 test images
</source>
        <translation>Dataset %1 (%2): %3 classes, %4 training and %5 test images
</translation>
    </message>
    <message>
        <source>  skipped %1: %2
</source>
        <translation>  skipped %1: %2
</translation>
    </message>
    <message>
        <source>  warning: %1
</source>
        <translation>  warning: %1
</translation>
    </message>
    <message>
        <source>headstart-cli: error: %1
</source>
        <translation>headstart-cli: error: %1
</translation>
    </message>
    <message>
        <source>Extracting features: %1/%2 (%3 images/s, ETA %4 s)</source>
        <translation>Extracting features: %1/%2 (%3 images/s, ETA %4 s)</translation>
    </message>
    <message>
        <source>Epoch %1/%2, loss_mean=%3: %4/%5</source>
        <translation>Epoch %1/%2, loss_mean=%3: %4/%5</translation>
    </message>
    <message>
        <source>Epoch %1/%2, loss_mean=%3</source>
        <translation>Epoch %1/%2, loss_mean=%3</translation>
    </message>
    <message>
        <source>, validation loss %1, accuracy %2</source>
        <translation>, validation loss %1, accuracy %2</translation>
    </message>
    <message>
        <source>Trains a new final layer on a frozen ResNet.</source>
        <translation>Trains a new final layer on a frozen ResNet.</translation>
    </message>
    <message>
        <source>Epochs (5).</source>
        <translation>Epochs (5).</translation>
    </message>
    <message>
        <source>Batch size (32).</source>
        <translation>Batch size (32).</translation>
    </message>
    <message>
        <source>Adam learning rate (0.001).</source>
        <translation>Adam learning rate (0.001).</translation>
    </message>
    <message>
        <source>LR</source>
        <translation>LR</translation>
    </message>
    <message>
        <source>Weight decay (0.001).</source>
        <translation>Weight decay (0.001).</translation>
    </message>
    <message>
        <source>WD</source>
        <translation>WD</translation>
    </message>
    <message>
        <source>Random seed (0).</source>
        <translation>Random seed (0).</translation>
    </message>
    <message>
        <source>Part of train held out for validation and best-epoch selection (0).</source>
        <translation>Part of train held out for validation and best-epoch selection (0).</translation>
    </message>
    <message>
        <source>Stop after N epochs without validation improvement (0: never).</source>
        <translation>Stop after N epochs without validation improvement (0: never).</translation>
    </message>
    <message>
        <source>Where to save the head (NAME.pt, NAME-model.pt, NAME.json). Default: &lt;dataset&gt;.pt</source>
        <translation>Where to save the head (NAME.pt, NAME-model.pt, NAME.json). Default: &lt;dataset&gt;.pt</translation>
    </message>
    <message>
        <source>Continue training this saved head.</source>
        <translation>Continue training this saved head.</translation>
    </message>
    <message>
        <source>Do not start classes named like ImageNet&apos;s from the pretrained layer.</source>
        <translation>Do not start classes named like ImageNet&apos;s from the pretrained layer.</translation>
    </message>
    <message>
        <source>Save the head and manifest only, not the whole model.</source>
        <translation>Save the head and manifest only, not the whole model.</translation>
    </message>
    <message>
        <source>--data DIR is required</source>
        <translation>--data DIR is required</translation>
    </message>
    <message>
        <source>fractions must be below 1</source>
        <translation>fractions must be below 1</translation>
    </message>
    <message numerus="yes">
        <source>Warm start from ImageNet for %n class(es): test accuracy %1 before training
</source>
        <translation>
            <numerusform>Warm start from ImageNet for %n class: test accuracy %1 before training
</numerusform>
            <numerusform>Warm start from ImageNet for %n classes: test accuracy %1 before training
</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved %1 and %2 (%3 s; %4 images through the backbone, %5 from the cache)
</source>
        <translation>Saved %1 and %2 (%3 s; %4 images through the backbone, %5 from the cache)
</translation>
    </message>
    <message>
        <source>no such folder</source>
        <translation>no such folder</translation>
    </message>
    <message>
        <source>no files to predict</source>
        <translation>no files to predict</translation>
    </message>
    <message>
        <source>%1, %2 precision, batch %3, %4 threads, %5
</source>
        <translation>%1, %2 precision, batch %3, %4 threads, %5
</translation>
    </message>
    <message>
        <source>random weights (no --weights given; the speed is the same)</source>
        <translation>random weights (no --weights given; the speed is the same)</translation>
    </message>
    <message>
        <source>weights from --weights</source>
        <translation>weights from --weights</translation>
    </message>
    <message>
        <source>network: %1 ms per image, %2 images/s (median of %3 runs)
</source>
        <translation>network: %1 ms per image, %2 images/s (median of %3 runs)
</translation>
    </message>
    <message>
        <source>end to end, decode and predict %1 images (%2 unreadable): %3 ms per image, %4 images/s
</source>
        <translation>end to end, decode and predict %1 images (%2 unreadable): %3 ms per image, %4 images/s
</translation>
    </message>
    <message>
        <source>Times the network on random 224x224 batches after a warm-up; with DIR, also decoding and predicting the files in DIR.</source>
        <translation>Times the network on random 224x224 batches after a warm-up; with DIR, also decoding and predicting the files in DIR.</translation>
    </message>
    <message>
        <source>Threads for the network (default: every core).</source>
        <translation>Threads for the network (default: every core).</translation>
    </message>
    <message>
        <source>Time the network at least this long (and 5 runs).</source>
        <translation>Time the network at least this long (and 5 runs).</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Folder of images (optional).</source>
        <translation>Folder of images (optional).</translation>
    </message>
    <message>
        <source>[DIR]</source>
        <translation>[DIR]</translation>
    </message>
    <message>
        <source>give at most one folder</source>
        <translation>give at most one folder</translation>
    </message>
    <message>
        <source>exact (32-bit, the same numbers as PyTorch), fast (bfloat16, where the processor has it natively) or auto (fast where native). Default: %1.</source>
        <translation>exact (32-bit, the same numbers as PyTorch), fast (bfloat16, where the processor has it natively) or auto (fast where native). Default: %1.</translation>
    </message>
    <message>
        <source>MODE</source>
        <translation>MODE</translation>
    </message>
    <message>
        <source>invalid --precision &apos;%1&apos; (use exact, fast or auto)</source>
        <translation>invalid --precision &apos;%1&apos; (use exact, fast or auto)</translation>
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
        <translation>Usage: headstart-cli &lt;command&gt; [options]

Commands:
  predict   top-k ImageNet classes of images, or the classes of a trained head
  train     train a new final layer on a frozen ResNet from a dataset folder
  evaluate  measure a trained head on a dataset&apos;s test images
  bench     time the network (and, given a folder, decoding and predicting its images)

Run &apos;headstart-cli &lt;command&gt; --help&apos; for a command&apos;s options.
Options: --help, --version
</translation>
    </message>
</context>
<context>
    <name>headstart::ui::ConfusionView</name>
    <message>
        <source>predicted</source>
        <translation>predicted</translation>
    </message>
    <message>
        <source>true</source>
        <translation>true</translation>
    </message>
</context>
<context>
    <name>headstart::ui::EvaluatePage</name>
    <message>
        <source>Train a head, or load one, to see how it does on the test images.</source>
        <translation>Train a head, or load one, to see how it does on the test images.</translation>
    </message>
    <message>
        <source>class</source>
        <translation>class</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>precision</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>recall</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>support</source>
        <translation>support</translation>
    </message>
    <message>
        <source>Misclassified images (click a cell of the matrix to filter):</source>
        <translation>Misclassified images (click a cell of the matrix to filter):</translation>
    </message>
    <message numerus="yes">
        <source>Test: %n image(s), accuracy %1, loss %2, top-5 accuracy %3</source>
        <translation>
            <numerusform>Test: %n image, accuracy %1, loss %2, top-5 accuracy %3</numerusform>
            <numerusform>Test: %n images, accuracy %1, loss %2, top-5 accuracy %3</numerusform>
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
        <translation>batches</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>loss</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>validation accuracy</translation>
    </message>
    <message>
        <source>batch loss</source>
        <translation>batch loss</translation>
    </message>
    <message>
        <source>running mean</source>
        <translation>running mean</translation>
    </message>
    <message>
        <source>epoch train loss</source>
        <translation>epoch train loss</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>validation loss</translation>
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
        <translation>Predict</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Train</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Evaluate</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Reading %1…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Open images…</source>
        <translation>&amp;Open images…</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>&amp;Paste image</translation>
    </message>
    <message>
        <source>Choose pretrained &amp;weights…</source>
        <translation>Choose pretrained &amp;weights…</translation>
    </message>
    <message>
        <source>Pretrained weights</source>
        <translation>Pretrained weights</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pth *.pt)</source>
        <translation>PyTorch weights (*.pth *.pt)</translation>
    </message>
    <message>
        <source>&amp;Load trained head…</source>
        <translation>&amp;Load trained head…</translation>
    </message>
    <message>
        <source>Trained head</source>
        <translation>Trained head</translation>
    </message>
    <message>
        <source>Head (*.pt)</source>
        <translation>Head (*.pt)</translation>
    </message>
    <message>
        <source>Use &amp;ImageNet classes</source>
        <translation>Use &amp;ImageNet classes</translation>
    </message>
    <message>
        <source>&amp;Export trained head…</source>
        <translation>&amp;Export trained head…</translation>
    </message>
    <message>
        <source>Export head</source>
        <translation>Export head</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>The language changes when HeadStart is started again.</source>
        <translation>The language changes when HeadStart is started again.</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>As the system</translation>
    </message>
    <message numerus="yes">
        <source>Predicted %n image(s)</source>
        <translation>
            <numerusform>Predicted %n image</numerusform>
            <numerusform>Predicted %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>Dataset ready</source>
        <translation>Dataset ready</translation>
    </message>
    <message>
        <source>The dataset has problems: see the report</source>
        <translation>The dataset has problems: see the report</translation>
    </message>
    <message>
        <source>Training done in %1 s</source>
        <translation>Training done in %1 s</translation>
    </message>
    <message>
        <source>Training cancelled</source>
        <translation>Training cancelled</translation>
    </message>
    <message>
        <source>Exported; manifest %1</source>
        <translation>Exported; manifest %1</translation>
    </message>
    <message>
        <source>Pretrained ResNet50 weights are needed</source>
        <translation>Pretrained ResNet50 weights are needed</translation>
    </message>
    <message>
        <source>&lt;b&gt;No pretrained weights&lt;/b&gt;</source>
        <translation>&lt;b&gt;No pretrained weights&lt;/b&gt;</translation>
    </message>
    <message>
        <source>ImageNet classes</source>
        <translation>ImageNet classes</translation>
    </message>
    <message>
        <source>classes of %1</source>
        <translation>classes of %1</translation>
    </message>
    <message>
        <source>ResNet50, %1 (%2); %3</source>
        <translation>ResNet50, %1 (%2); %3</translation>
    </message>
    <message>
        <source>Choose pretrained weights first (File menu)</source>
        <translation>Choose pretrained weights first (File menu)</translation>
    </message>
    <message numerus="yes">
        <source>Predicting %n image(s)…</source>
        <translation>
            <numerusform>Predicting %n image…</numerusform>
            <numerusform>Predicting %n images…</numerusform>
        </translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Training…</translation>
    </message>
    <message>
        <source>Nothing to export yet: train a head first</source>
        <translation>Nothing to export yet: train a head first</translation>
    </message>
    <message>
        <source>No ResNet50 weights file was found in %1, torchvision&apos;s download folder, where Python would have put it. Download it here, or choose a .pth file you already have.</source>
        <translation>No ResNet50 weights file was found in %1, torchvision&apos;s download folder, where Python would have put it. Download it here, or choose a .pth file you already have.</translation>
    </message>
</context>
<context>
    <name>headstart::ui::PredictPage</name>
    <message>
        <source>Show why (class activation map)</source>
        <translation>Show why (class activation map)</translation>
    </message>
    <message>
        <source>Colours the part of the network&apos;s view that most supports the top class</source>
        <translation>Colours the part of the network&apos;s view that most supports the top class</translation>
    </message>
    <message>
        <source>Open images…</source>
        <translation>Open images…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Paste</translation>
    </message>
    <message>
        <source>Drop images or folders here, open them, or paste an image (Ctrl+V).</source>
        <translation>Drop images or folders here, open them, or paste an image (Ctrl+V).</translation>
    </message>
    <message>
        <source>Open images</source>
        <translation>Open images</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Images (%1)</translation>
    </message>
</context>
<context>
    <name>headstart::ui::TrainPage</name>
    <message>
        <source>Dataset folder (train/ and test/, or one folder per class)</source>
        <translation>Dataset folder (train/ and test/, or one folder per class)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Recent</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>Dataset folder</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochs</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batch size</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Learning rate</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Weight decay</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Validation fraction</source>
        <translation>Validation fraction</translation>
    </message>
    <message>
        <source>Start classes named like ImageNet&apos;s from the pretrained layer</source>
        <translation>Start classes named like ImageNet&apos;s from the pretrained layer</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Train</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>run %1</translation>
    </message>
    <message>
        <source>Extracting features: %1/%2, %3 images/s, ETA %4 s</source>
        <translation>Extracting features: %1/%2, %3 images/s, ETA %4 s</translation>
    </message>
    <message>
        <source>Epoch %1/%2, loss_mean=%3</source>
        <translation>Epoch %1/%2, loss_mean=%3</translation>
    </message>
    <message>
        <source>Done: test accuracy %1</source>
        <translation>Done: test accuracy %1</translation>
    </message>
</context>
<context>
    <name>headstart::ui::WeightsDownloader</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Cannot create the folder %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Download cancelled</source>
        <translation>Download cancelled</translation>
    </message>
    <message>
        <source>Cannot download %1: %2. Without a network connection, download the file on another computer and choose it with &quot;Choose a file…&quot;.</source>
        <translation>Cannot download %1: %2. Without a network connection, download the file on another computer and choose it with &quot;Choose a file…&quot;.</translation>
    </message>
    <message>
        <source>%1: the download is damaged (SHA-256 %2…, expected %3…)</source>
        <translation>%1: the download is damaged (SHA-256 %2…, expected %3…)</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>Cannot save %1: %2</translation>
    </message>
</context>
<context>
    <name>headstart::ui::WeightsPanel</name>
    <message>
        <source>&lt;h3&gt;Pretrained ResNet50 weights are needed&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Pretrained ResNet50 weights are needed&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Download from download.pytorch.org (98 MB)</source>
        <translation>Download from download.pytorch.org (98 MB)</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>Choose a file…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Pretrained weights</source>
        <translation>Pretrained weights</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pth *.pt)</source>
        <translation>PyTorch weights (*.pth *.pt)</translation>
    </message>
    <message>
        <source>%1 of %2 MB</source>
        <translation>%1 of %2 MB</translation>
    </message>
</context>
</TS>
