<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>&lt;p&gt;skipped %1: %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;skipped %1: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1: cannot write (%2)</translation>
    </message>
    <message>
        <source>%1: cannot read (%2)</source>
        <translation>%1: cannot read (%2)</translation>
    </message>
    <message>
        <source>%1: not a HeadStart file (%2)</source>
        <translation>%1: not a HeadStart file (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot train on this folder:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Cannot train on this folder:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 classes, %2 training and %3 test images</source>
        <translation>%1 classes, %2 training and %3 test images</translation>
    </message>
    <message>
        <source>&lt;b&gt;No problems found&lt;/b&gt;: %1.</source>
        <translation>&lt;b&gt;No problems found&lt;/b&gt;: %1.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n warning(s)&lt;/b&gt;: %1.</source>
        <translation>
            <numerusform>&lt;b&gt;%n warning&lt;/b&gt;: %1.</numerusform>
            <numerusform>&lt;b&gt;%n warnings&lt;/b&gt;: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped: see the list below</source>
        <translation>
            <numerusform>%n file skipped: see the list below</numerusform>
            <numerusform>%n files skipped: see the list below</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Train</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) excluded on the Data page</source>
        <translation>
            <numerusform>%n image excluded on the Data page</numerusform>
            <numerusform>%n images excluded on the Data page</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>unknown --arch '%1'</source>
        <translation>unknown --arch '%1'</translation>
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
        <source>invalid --%1 '%2'</source>
        <translation>invalid --%1 '%2'</translation>
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
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Machine-readable output: JSON lines.</source>
        <translation>Machine-readable output: JSON lines.</translation>
    </message>
    <message>
        <source>Measures a trained head on a dataset's test images.</source>
        <translation>Measures a trained head on a dataset's test images.</translation>
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
        <source>Feature cache folder ('-' for none).</source>
        <translation>Feature cache folder ('-' for none).</translation>
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
        <source>headstart-cli: unknown command '%1'
</source>
        <translation>headstart-cli: unknown command '%1'
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
        <source>headstart-cli predict: unknown --preset '%1' (use v1 or v2)
</source>
        <translation>headstart-cli predict: unknown --preset '%1' (use v1 or v2)
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
        <source>Do not start classes named like ImageNet's from the pretrained layer.</source>
        <translation>Do not start classes named like ImageNet's from the pretrained layer.</translation>
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
        <source>%1: a layer trained by HeadStart, not pretrained weights; pass it with --head</source>
        <translation>%1: a layer trained by HeadStart, not pretrained weights; pass it with --head</translation>
    </message>
    <message>
        <source>resnet18, resnet34, resnet50, resnet101 or resnet152. Default: the one the --weights file holds, else resnet50.</source>
        <translation>resnet18, resnet34, resnet50, resnet101 or resnet152. Default: the one the --weights file holds, else resnet50.</translation>
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
        <source>MODE</source>
        <translation>MODE</translation>
    </message>
    <message>
        <source>Writes a trained head as an ONNX model with its preprocessing inside.</source>
        <translation>Writes a trained head as an ONNX model with its preprocessing inside.</translation>
    </message>
    <message>
        <source>The trained head (NAME.pt or its NAME.json).</source>
        <translation>The trained head (NAME.pt or its NAME.json).</translation>
    </message>
    <message>
        <source>The ONNX file to write.</source>
        <translation>The ONNX file to write.</translation>
    </message>
    <message>
        <source>The pretrained weights the head was trained on, when not where the manifest says.</source>
        <translation>The pretrained weights the head was trained on, when not where the manifest says.</translation>
    </message>
    <message>
        <source>headstart-cli export: --head and --onnx are required
</source>
        <translation>headstart-cli export: --head and --onnx are required
</translation>
    </message>
    <message>
        <source>Saved %1
</source>
        <translation>Saved %1
</translation>
    </message>
    <message>
        <source>Also write one CSV row per image (path, class, probability, then the top K).</source>
        <translation>Also write one CSV row per image (path, class, probability, then the top K).</translation>
    </message>
    <message>
        <source>Image files, or folders to search for images.</source>
        <translation>Image files, or folders to search for images.</translation>
    </message>
    <message>
        <source>headstart-cli: interrupted
</source>
        <translation>headstart-cli: interrupted
</translation>
    </message>
    <message>
        <source>Copies images into one folder per predicted class; never moves or overwrites.</source>
        <translation>Copies images into one folder per predicted class; never moves or overwrites.</translation>
    </message>
    <message>
        <source>A trained head (NAME.pt or NAME.json): its classes.</source>
        <translation>A trained head (NAME.pt or NAME.json): its classes.</translation>
    </message>
    <message>
        <source>The folder to sort into.</source>
        <translation>The folder to sort into.</translation>
    </message>
    <message>
        <source>OUT</source>
        <translation>OUT</translation>
    </message>
    <message>
        <source>Below this probability, into OUT/_uncertain (0).</source>
        <translation>Below this probability, into OUT/_uncertain (0).</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>Hard links instead of copies (same file system).</source>
        <translation>Hard links instead of copies (same file system).</translation>
    </message>
    <message>
        <source>Copies (the default).</source>
        <translation>Copies (the default).</translation>
    </message>
    <message>
        <source>Classes per CSV row (3).</source>
        <translation>Classes per CSV row (3).</translation>
    </message>
    <message>
        <source>Folders (searched recursively) or image files.</source>
        <translation>Folders (searched recursively) or image files.</translation>
    </message>
    <message>
        <source>DIR...</source>
        <translation>DIR...</translation>
    </message>
    <message>
        <source>--into OUT and at least one folder are required</source>
        <translation>--into OUT and at least one folder are required</translation>
    </message>
    <message>
        <source>--link and --copy exclude each other</source>
        <translation>--link and --copy exclude each other</translation>
    </message>
    <message>
        <source>--min-confidence is a probability, 0 to 1</source>
        <translation>--min-confidence is a probability, 0 to 1</translation>
    </message>
    <message>
        <source>%1 images: %2 placed in %3, %4 already there, %5 failed
</source>
        <translation>%1 images: %2 placed in %3, %4 already there, %5 failed
</translation>
    </message>
    <message>
        <source>%1/%2 images, %3 images/s</source>
        <translation>%1/%2 images, %3 images/s</translation>
    </message>
    <message>
        <source>Also save the model as ONNX, preprocessing inside.</source>
        <translation>Also save the model as ONNX, preprocessing inside.</translation>
    </message>
    <message>
        <source>Finds likely wrong labels, near-duplicates (leaks across train and test among them) and outliers in a dataset, from the backbone's features.</source>
        <translation>Finds likely wrong labels, near-duplicates (leaks across train and test among them) and outliers in a dataset, from the backbone's features.</translation>
    </message>
    <message>
        <source>Cross-validation folds of the label check (5).</source>
        <translation>Cross-validation folds of the label check (5).</translation>
    </message>
    <message numerus="yes">
        <source>Likely wrong labels: %n
</source>
        <translation>
            <numerusform>Likely wrong labels: %n
</numerusform>
            <numerusform>Likely wrong labels: %n
</numerusform>
        </translation>
    </message>
    <message>
        <source>  %1  %2: labelled %3 (%4), looks like %5 (%6)
</source>
        <translation>  %1  %2: labelled %3 (%4), looks like %5 (%6)
</translation>
    </message>
    <message numerus="yes">
        <source>Near-duplicates: %n</source>
        <translation>
            <numerusform>Near-duplicates: %n</numerusform>
            <numerusform>Near-duplicates: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n across train and test)
</source>
        <translation>
            <numerusform> (%n across train and test)
</numerusform>
            <numerusform> (%n across train and test)
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Outliers: %n
</source>
        <translation>
            <numerusform>Outliers: %n
</numerusform>
            <numerusform>Outliers: %n
</numerusform>
        </translation>
    </message>
    <message>
        <source>Dataset %1: %2 training and %3 test images, %4 classes (%5 s)
</source>
        <translation>Dataset %1: %2 training and %3 test images, %4 classes (%5 s)
</translation>
    </message>
    <message>
        <source>Doctor: %1 %2/%3</source>
        <translation>Doctor: %1 %2/%3</translation>
    </message>
    <message>
        <source>  excluded %1 (listed in .headstart/excluded.json)
</source>
        <translation>  excluded %1 (listed in .headstart/excluded.json)
</translation>
    </message>
    <message>
        <source>exact (32-bit, the same numbers as PyTorch), fast (bfloat16, where the processor has it natively), auto (fast where native) or int8 (turbo: the fastest, may cost a little accuracy). Default: %1.</source>
        <translation>exact (32-bit, the same numbers as PyTorch), fast (bfloat16, where the processor has it natively), auto (fast where native) or int8 (turbo: the fastest, may cost a little accuracy). Default: %1.</translation>
    </message>
    <message>
        <source>invalid --precision '%1' (use exact, fast, auto or int8)</source>
        <translation>invalid --precision '%1' (use exact, fast, auto or int8)</translation>
    </message>
    <message>
        <source>headstart-cli: int8 precision, calibrated on %1
</source>
        <translation>headstart-cli: int8 precision, calibrated on %1
</translation>
    </message>
    <message>
        <source>With --precision int8: calibrate on up to 64 images of this folder (once; kept with the weights for later runs). Default: the calibration last made for the weights.</source>
        <translation>With --precision int8: calibrate on up to 64 images of this folder (once; kept with the weights for later runs). Default: the calibration last made for the weights.</translation>
    </message>
    <message>
        <source>Label smoothing of the cross-entropy, from 0 to below 1 (0).</source>
        <translation>Label smoothing of the cross-entropy, from 0 to below 1 (0).</translation>
    </message>
    <message>
        <source>Weight each class's loss by the inverse of its share of the training images, for imbalanced folders.</source>
        <translation>Weight each class's loss by the inverse of its share of the training images, for imbalanced folders.</translation>
    </message>
    <message>
        <source>Learning-rate schedule: constant, cosine or onecycle (constant).</source>
        <translation>Learning-rate schedule: constant, cosine or onecycle (constant).</translation>
    </message>
    <message>
        <source>Epochs of linear learning-rate warm-up, may be fractional; for onecycle, of its rise (0; onecycle: 30% of the steps).</source>
        <translation>Epochs of linear learning-rate warm-up, may be fractional; for onecycle, of its rise (0; onecycle: 30% of the steps).</translation>
    </message>
    <message>
        <source>Part of train held out for validation, as in train (0).</source>
        <translation>Part of train held out for validation, as in train (0).</translation>
    </message>
    <message>
        <source>Lowest learning rate tried (1e-7).</source>
        <translation>Lowest learning rate tried (1e-7).</translation>
    </message>
    <message>
        <source>Highest learning rate tried (10).</source>
        <translation>Highest learning rate tried (10).</translation>
    </message>
    <message>
        <source>Steps from the lowest to the highest (100).</source>
        <translation>Steps from the lowest to the highest (100).</translation>
    </message>
    <message>
        <source>%1  %2  %3
</source>
        <translation>%1  %2  %3
</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>learning rate</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>loss</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>smoothed</translation>
    </message>
    <message>
        <source>  &lt;- suggested</source>
        <translation>  &lt;- suggested</translation>
    </message>
    <message>
        <source>(%1 s; %2 images through the backbone, %3 from the cache)
</source>
        <translation>(%1 s; %2 images through the backbone, %3 from the cache)
</translation>
    </message>
    <message>
        <source>Learning rate %1: %2/%3</source>
        <translation>Learning rate %1: %2/%3</translation>
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
        <translation>Usage: headstart-cli &lt;command&gt; [options]

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
</translation>
    </message>
    <message>
        <source>Test with each image and its mirror image, probabilities averaged.</source>
        <translation>Test with each image and its mirror image, probabilities averaged.</translation>
    </message>
    <message>
        <source>Classify each image and its mirror image, probabilities averaged.</source>
        <translation>Classify each image and its mirror image, probabilities averaged.</translation>
    </message>
    <message>
        <source>Augmented views per training image besides the centre crop (0: none).</source>
        <translation>Augmented views per training image besides the centre crop (0: none).</translation>
    </message>
    <message>
        <source>--augment: at most %1 views</source>
        <translation>--augment: at most %1 views</translation>
    </message>
    <message>
        <source>Fine-tune layer4 together with the new final layer (layer3's output is cached).</source>
        <translation>Fine-tune layer4 together with the new final layer (layer3's output is cached).</translation>
    </message>
    <message>
        <source>layer4's learning rate relative to the final layer's (0.1).</source>
        <translation>layer4's learning rate relative to the final layer's (0.1).</translation>
    </message>
    <message>
        <source>With --train-last-stage: final-layer-only epochs before layer4 trains (1).</source>
        <translation>With --train-last-stage: final-layer-only epochs before layer4 trains (1).</translation>
    </message>
    <message>
        <source>Disk space for cached layer3 outputs, e.g. 4G or 500M (4G); oldest evicted.</source>
        <translation>Disk space for cached layer3 outputs, e.g. 4G or 500M (4G); oldest evicted.</translation>
    </message>
    <message>
        <source>SIZE</source>
        <translation>SIZE</translation>
    </message>
    <message>
        <source>Evicted %1 older layer3 cache entries (%2 MiB) to stay within %3 MiB
</source>
        <translation>Evicted %1 older layer3 cache entries (%2 MiB) to stay within %3 MiB
</translation>
    </message>
    <message>
        <source>Usage: headstart-cli %1 [options]</source>
        <translation>Usage: headstart-cli %1 [options]</translation>
    </message>
    <message>
        <source>fast (bfloat16) accuracy</source>
        <translation>fast (bfloat16) accuracy</translation>
    </message>
    <message>
        <source>turbo (int8) accuracy</source>
        <translation>turbo (int8) accuracy</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>accuracy</translation>
    </message>
    <message numerus="yes">
        <source>Test: %n image(s), %1 %2, loss %3, top-5 accuracy %4
</source>
        <translation>
            <numerusform>Test: %n image, %1 %2, loss %3, top-5 accuracy %4
</numerusform>
            <numerusform>Test: %n images, %1 %2, loss %3, top-5 accuracy %4
</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggests a learning rate: trains the head on the cached features while the rate rises exponentially, and suggests a rate well inside the smoothed loss's valley (none when the loss shows no clear descent).</source>
        <translation>Suggests a learning rate: trains the head on the cached features while the rate rises exponentially, and suggests a rate well inside the smoothed loss's valley (none when the loss shows no clear descent).</translation>
    </message>
    <message>
        <source>No clear descent (the smoothed loss falls by %1 at most, its noise is %2); keeping the current rate %3
</source>
        <translation>No clear descent (the smoothed loss falls by %1 at most, its noise is %2); keeping the current rate %3
</translation>
    </message>
    <message>
        <source>Suggested learning rate: %1 (half-way down the smoothed loss's valley, %2 to %3; its minimum is at %4)
</source>
        <translation>Suggested learning rate: %1 (half-way down the smoothed loss's valley, %2 to %3; its minimum is at %4)
</translation>
    </message>
    <message>
        <source>Test, %1 as trained: %2 (the figures above are exact, as exports compute)
</source>
        <translation>Test, %1 as trained: %2 (the figures above are exact, as exports compute)
</translation>
    </message>
    <message>
        <source>  (blank or nearly uniform)</source>
        <translation>  (blank or nearly uniform)</translation>
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
    <message>
        <source>Confusion matrix of %1 classes: %2 of %3 test images on the diagonal.</source>
        <translation>Confusion matrix of %1 classes: %2 of %3 test images on the diagonal.</translation>
    </message>
    <message>
        <source>No confusions.</source>
        <translation>No confusions.</translation>
    </message>
    <message numerus="yes">
        <source>%n %1 image(s) taken for %2</source>
        <translation>
            <numerusform>%n %1 image taken for %2</numerusform>
            <numerusform>%n %1 images taken for %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Largest confusions: %1.</source>
        <translation>Largest confusions: %1.</translation>
    </message>
</context>
<context>
    <name>headstart::ui::DataMap</name>
    <message>
        <source>Map of the dataset</source>
        <translation>Map of the dataset</translation>
    </message>
    <message>
        <source>Similar images lie close together. Point at a dot, or use the arrow keys, to see its file; Enter selects its finding</source>
        <translation>Similar images lie close together. Point at a dot, or use the arrow keys, to see its file; Enter selects its finding</translation>
    </message>
    <message>
        <source>named by a finding</source>
        <translation>named by a finding</translation>
    </message>
    <message>
        <source>No map yet: check the dataset to draw one</source>
        <translation>No map yet: check the dataset to draw one</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) placed by similarity, coloured by class (%1); </source>
        <translation>
            <numerusform>%n image placed by similarity, coloured by class (%1); </numerusform>
            <numerusform>%n images placed by similarity, coloured by class (%1); </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ringed: named by a finding</source>
        <translation>
            <numerusform>%n ringed: named by a finding</numerusform>
            <numerusform>%n ringed: named by a finding</numerusform>
        </translation>
    </message>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source>train</source>
        <translation>train</translation>
    </message>
    <message>
        <source>%1, class %2 (%3)</source>
        <translation>%1, class %2 (%3)</translation>
    </message>
    <message>
        <source>Check the dataset to see its map here: similar images lie close together.</source>
        <translation>Check the dataset to see its map here: similar images lie close together.</translation>
    </message>
    <message>
        <source>chosen finding</source>
        <translation>chosen finding</translation>
    </message>
</context>
<context>
    <name>headstart::ui::DataPage</name>
    <message>
        <source>Reading the images</source>
        <translation>Reading the images</translation>
    </message>
    <message>
        <source>Comparing pictures</source>
        <translation>Comparing pictures</translation>
    </message>
    <message>
        <source>Checking labels</source>
        <translation>Checking labels</translation>
    </message>
    <message>
        <source>Finding duplicates</source>
        <translation>Finding duplicates</translation>
    </message>
    <message>
        <source>Finding outliers</source>
        <translation>Finding outliers</translation>
    </message>
    <message>
        <source>Drawing the map</source>
        <translation>Drawing the map</translation>
    </message>
    <message>
        <source>Check the dataset</source>
        <translation>Check the dataset</translation>
    </message>
    <message>
        <source>Look for likely wrong labels, near-duplicates and outliers in the Train page's dataset</source>
        <translation>Look for likely wrong labels, near-duplicates and outliers in the Train page's dataset</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Dataset check progress</source>
        <translation>Dataset check progress</translation>
    </message>
    <message>
        <source>Dataset check summary</source>
        <translation>Dataset check summary</translation>
    </message>
    <message>
        <source>Last action</source>
        <translation>Last action</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>&amp;Image:</translation>
    </message>
    <message>
        <source>Image to act on</source>
        <translation>Image to act on</translation>
    </message>
    <message>
        <source>For a pair of duplicates: which of the two images the buttons act on</source>
        <translation>For a pair of duplicates: which of the two images the buttons act on</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Show in folder</translation>
    </message>
    <message>
        <source>Open the folder that holds the image</source>
        <translation>Open the folder that holds the image</translation>
    </message>
    <message>
        <source>Move the image into the suggested class folder of its split, after asking; nothing is overwritten</source>
        <translation>Move the image into the suggested class folder of its split, after asking; nothing is overwritten</translation>
    </message>
    <message>
        <source>Undo last move</source>
        <translation>Undo last move</translation>
    </message>
    <message>
        <source>Move the last moved image back to where it was</source>
        <translation>Move the last moved image back to where it was</translation>
    </message>
    <message>
        <source>Choose a dataset on the Train page, then check it here.</source>
        <translation>Choose a dataset on the Train page, then check it here.</translation>
    </message>
    <message>
        <source>Dataset: %1</source>
        <translation>Dataset: %1</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 of %3</translation>
    </message>
    <message>
        <source>Check cancelled</source>
        <translation>Check cancelled</translation>
    </message>
    <message>
        <source>Check failed</source>
        <translation>Check failed</translation>
    </message>
    <message>
        <source>Checked in %1 s</source>
        <translation>Checked in %1 s</translation>
    </message>
    <message>
        <source>Likely wrong labels</source>
        <translation>Likely wrong labels</translation>
    </message>
    <message>
        <source>Near-duplicates</source>
        <translation>Near-duplicates</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>Outliers</translation>
    </message>
    <message>
        <source>Likely wrong &amp;labels</source>
        <translation>Likely wrong &amp;labels</translation>
    </message>
    <message>
        <source>Near-&amp;duplicates</source>
        <translation>Near-&amp;duplicates</translation>
    </message>
    <message>
        <source>&amp;Outliers</source>
        <translation>&amp;Outliers</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The check finds images whose label looks wrong, near-duplicates (also between train and test) and outliers, and draws a map of the dataset.</source>
        <translation>The check finds images whose label looks wrong, near-duplicates (also between train and test) and outliers, and draws a map of the dataset.</translation>
    </message>
    <message numerus="yes">
        <source>%n likely wrong label(s)</source>
        <translation>
            <numerusform>%n likely wrong label</numerusform>
            <numerusform>%n likely wrong labels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n near-duplicate pair(s)</source>
        <translation>
            <numerusform>%n near-duplicate pair</numerusform>
            <numerusform>%n near-duplicate pairs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n between train and test</source>
        <translation>
            <numerusform>%n between train and test</numerusform>
            <numerusform>%n between train and test</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outlier(s)</source>
        <translation>
            <numerusform>%n outlier</numerusform>
            <numerusform>%n outliers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be read</source>
        <translation>
            <numerusform>%n image could not be read</numerusform>
            <numerusform>%n images could not be read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) checked: </source>
        <translation>
            <numerusform>%n image checked: </numerusform>
            <numerusform>%n images checked: </numerusform>
        </translation>
    </message>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source>train</source>
        <translation>train</translation>
    </message>
    <message>
        <source>%1 (%2): labelled %3, more likely %4 (%5 sure)</source>
        <translation>%1 (%2): labelled %3, more likely %4 (%5 sure)</translation>
    </message>
    <message>
        <source>one in train, one in test</source>
        <translation>one in train, one in test</translation>
    </message>
    <message>
        <source>both %1</source>
        <translation>both %1</translation>
    </message>
    <message>
        <source>%1 and %2: one label is wrong</source>
        <translation>%1 and %2: one label is wrong</translation>
    </message>
    <message>
        <source>%1 (%2) and %3 (%4): %5, similarity %6</source>
        <translation>%1 (%2) and %3 (%4): %5, similarity %6</translation>
    </message>
    <message>
        <source>%1 (%2, %3): far from its class and its neighbours, score %4</source>
        <translation>%1 (%2, %3): far from its class and its neighbours, score %4</translation>
    </message>
    <message>
        <source>%1 excluded from training</source>
        <translation>%1 excluded from training</translation>
    </message>
    <message>
        <source>%1 moved to %2</source>
        <translation>%1 moved to %2</translation>
    </message>
    <message>
        <source>Include in training</source>
        <translation>Include in training</translation>
    </message>
    <message>
        <source>Exclude from training</source>
        <translation>Exclude from training</translation>
    </message>
    <message>
        <source>Move to suggested class</source>
        <translation>Move to suggested class</translation>
    </message>
    <message>
        <source>Move to %1</source>
        <translation>Move to %1</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>Could not open %1</translation>
    </message>
    <message>
        <source>%1 is used for training again</source>
        <translation>%1 is used for training again</translation>
    </message>
    <message>
        <source>%1 is left out of training; the file stays where it is (listed in %2)</source>
        <translation>%1 is left out of training; the file stays where it is (listed in %2)</translation>
    </message>
    <message>
        <source>Move the image</source>
        <translation>Move the image</translation>
    </message>
    <message>
        <source>Move %1
to the folder %2?

Nothing is overwritten: if that folder has a file of the same name, the moved one gets a number. Undo moves it back.</source>
        <translation>Move %1
to the folder %2?

Nothing is overwritten: if that folder has a file of the same name, the moved one gets a number. Undo moves it back.</translation>
    </message>
    <message>
        <source>Moved %1 to %2</source>
        <translation>Moved %1 to %2</translation>
    </message>
    <message>
        <source>Moved %1 back to %2</source>
        <translation>Moved %1 back to %2</translation>
    </message>
    <message>
        <source>%1 (%2, %3): blank or nearly uniform image</source>
        <translation>%1 (%2, %3): blank or nearly uniform image</translation>
    </message>
</context>
<context>
    <name>headstart::ui::EvaluatePage</name>
    <message>
        <source>Train a head, or load one, to see how it does on the test images.</source>
        <translation>Train a head, or load one, to see how it does on the test images.</translation>
    </message>
    <message>
        <source>%1
→ %2 (%3)</source>
        <translation>%1
→ %2 (%3)</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precision</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>F1 score</source>
        <translation>F1 score</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Per-class metrics</source>
        <translation>Per-class metrics</translation>
    </message>
    <message>
        <source>Images of the chosen cell</source>
        <translation>Images of the chosen cell</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>Confusion matrix</translation>
    </message>
    <message>
        <source>Show all mistakes</source>
        <translation>Show all mistakes</translation>
    </message>
    <message>
        <source>Evaluate a trained head…</source>
        <translation>Evaluate a trained head…</translation>
    </message>
    <message numerus="yes">
        <source>%n test image(s): accuracy %1, loss %2, top-5 accuracy %3</source>
        <translation>
            <numerusform>%n test image: accuracy %1, loss %2, top-5 accuracy %3</numerusform>
            <numerusform>%n test images: accuracy %1, loss %2, top-5 accuracy %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All mistakes: %n image(s) (click a cell of the matrix to see its images)</source>
        <translation>
            <numerusform>All mistakes: %n image (click a cell of the matrix to see its images)</numerusform>
            <numerusform>All mistakes: %n images (click a cell of the matrix to see its images)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Correct %1: %n image(s)</source>
        <translation>
            <numerusform>Correct %1: %n image</numerusform>
            <numerusform>Correct %1: %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2: %n image(s)</source>
        <translation>
            <numerusform>True %1, predicted %2: %n image</numerusform>
            <numerusform>True %1, predicted %2: %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>Click a cell, or move to it with the arrow keys, to list its images</source>
        <translation>Click a cell, or move to it with the arrow keys, to list its images</translation>
    </message>
    <message>
        <source>Confusion matrix: %1</source>
        <translation>Confusion matrix: %1</translation>
    </message>
    <message>
        <source>Choose a saved head and evaluate it on the Train page's dataset</source>
        <translation>Choose a saved head and evaluate it on the Train page's dataset</translation>
    </message>
</context>
<context>
    <name>headstart::ui::ExportDialog</name>
    <message>
        <source>Export the trained model</source>
        <translation>Export the trained model</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation>&amp;Folder</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>Also the whole network (NAME-model.pt, about 100 MB for ResNet50): loads into torchvision's model with num_classes set</source>
        <translation>Also the whole network (NAME-model.pt, about 100 MB for ResNet50): loads into torchvision's model with num_classes set</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>Export folder</translation>
    </message>
    <message>
        <source>Enter a folder and a name (without a slash).</source>
        <translation>Enter a folder and a name (without a slash).</translation>
    </message>
    <message>
        <source>Will write:</source>
        <translation>Will write:</translation>
    </message>
    <message>
        <source>the new final layer, for torch.nn.Linear</source>
        <translation>the new final layer, for torch.nn.Linear</translation>
    </message>
    <message>
        <source>the whole network, for torchvision's model</source>
        <translation>the whole network, for torchvision's model</translation>
    </message>
    <message>
        <source>the manifest: classes, how it was trained, results</source>
        <translation>the manifest: classes, how it was trained, results</translation>
    </message>
    <message>
        <source> (replaces the existing file)</source>
        <translation> (replaces the existing file)</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Also as ONNX (NAME.onnx): runs in ONNX Runtime, OpenCV and other engines without HeadStart; it takes resized RGB crops and does the normalisation itself</source>
        <translation>Also as ONNX (NAME.onnx): runs in ONNX Runtime, OpenCV and other engines without HeadStart; it takes resized RGB crops and does the normalisation itself</translation>
    </message>
    <message>
        <source>the network for ONNX Runtime and OpenCV, preprocessing inside</source>
        <translation>the network for ONNX Runtime and OpenCV, preprocessing inside</translation>
    </message>
    <message>
        <source>This run fine-tuned the last stage: its trained layer4 is kept in the whole network</source>
        <translation>This run fine-tuned the last stage: its trained layer4 is kept in the whole network</translation>
    </message>
</context>
<context>
    <name>headstart::ui::FolderPredictDialog</name>
    <message>
        <source>Predict a folder</source>
        <translation>Predict a folder</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>All classes</translation>
    </message>
    <message>
        <source>&amp;Class</source>
        <translation>&amp;Class</translation>
    </message>
    <message>
        <source>Confidence &amp;at most</source>
        <translation>Confidence &amp;at most</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>Predictions</translation>
    </message>
    <message>
        <source>Save as CSV…</source>
        <translation>Save as CSV…</translation>
    </message>
    <message>
        <source>Sort into folders…</source>
        <translation>Sort into folders…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Looking for images in %1…</source>
        <translation>Looking for images in %1…</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>not readable</translation>
    </message>
    <message>
        <source>%1 images/s</source>
        <translation>%1 images/s</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s)</source>
        <translation>
            <numerusform>%1 of %n image</numerusform>
            <numerusform>%1 of %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n image(s).</source>
        <translation>
            <numerusform>Cancelled after %n image.</numerusform>
            <numerusform>Cancelled after %n images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Predicted %n image(s).</source>
        <translation>
            <numerusform>Predicted %n image.</numerusform>
            <numerusform>Predicted %n images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read.</source>
        <translation>
            <numerusform>%n could not be read.</numerusform>
            <numerusform>%n could not be read.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Save predictions as CSV</source>
        <translation>Save predictions as CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Sorting into %1…</source>
        <translation>Sorting into %1…</translation>
    </message>
    <message>
        <source>Sorted into %1: %2 new, %3 already there, %4 failed</source>
        <translation>Sorted into %1: %2 new, %3 already there, %4 failed</translation>
    </message>
    <message>
        <source>Computed in %1.</source>
        <translation>Computed in %1.</translation>
    </message>
    <message numerus="yes">
        <source>Calibrating turbo on %n image(s)…</source>
        <translation>
            <numerusform>Calibrating turbo on %n image…</numerusform>
            <numerusform>Calibrating turbo on %n images…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>headstart::ui::LossPlot</name>
    <message>
        <source>loss</source>
        <translation>loss</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>validation accuracy</translation>
    </message>
    <message>
        <source>epoch train loss</source>
        <translation>epoch train loss</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>validation loss</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>epochs</translation>
    </message>
    <message>
        <source>batches (steps)</source>
        <translation>batches (steps)</translation>
    </message>
    <message>
        <source>batch loss (faint)</source>
        <translation>batch loss (faint)</translation>
    </message>
    <message>
        <source>validation accuracy (right axis)</source>
        <translation>validation accuracy (right axis)</translation>
    </message>
    <message>
        <source>kept epoch: lowest validation loss</source>
        <translation>kept epoch: lowest validation loss</translation>
    </message>
    <message>
        <source>%1: no epoch finished yet</source>
        <translation>%1: no epoch finished yet</translation>
    </message>
    <message>
        <source>%1: epoch %2 of %3, train loss %4</source>
        <translation>%1: epoch %2 of %3, train loss %4</translation>
    </message>
    <message>
        <source>, validation loss %1</source>
        <translation>, validation loss %1</translation>
    </message>
    <message>
        <source>, validation accuracy %1%</source>
        <translation>, validation accuracy %1%</translation>
    </message>
    <message>
        <source>No run shown</source>
        <translation>No run shown</translation>
    </message>
    <message>
        <source>loss (off the top: %1)</source>
        <translation>loss (off the top: %1)</translation>
    </message>
</context>
<context>
    <name>headstart::ui::LrPlot</name>
    <message>
        <source>No learning-rate search yet</source>
        <translation>No learning-rate search yet</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>learning rate</translation>
    </message>
    <message>
        <source>smoothed loss</source>
        <translation>smoothed loss</translation>
    </message>
    <message>
        <source>Learning-rate search</source>
        <translation>Learning-rate search</translation>
    </message>
    <message>
        <source>No clear descent of the loss: no learning rate suggested</source>
        <translation>No clear descent of the loss: no learning rate suggested</translation>
    </message>
    <message>
        <source>Suggested learning rate %1, half-way down the loss's valley from %2 to %3</source>
        <translation>Suggested learning rate %1, half-way down the loss's valley from %2 to %3</translation>
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
        <source>Use &amp;ImageNet classes</source>
        <translation>Use &amp;ImageNet classes</translation>
    </message>
    <message>
        <source>&amp;Export trained head…</source>
        <translation>&amp;Export trained head…</translation>
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
        <source>Nothing to export yet: train a head first</source>
        <translation>Nothing to export yet: train a head first</translation>
    </message>
    <message>
        <source>HeadStart export (*.json *.pt);;All files (*)</source>
        <translation>HeadStart export (*.json *.pt);;All files (*)</translation>
    </message>
    <message>
        <source>Wait for the training run to end, or cancel it, before opening a project</source>
        <translation>Wait for the training run to end, or cancel it, before opening a project</translation>
    </message>
    <message numerus="yes">
        <source>Project %1: %n run(s)</source>
        <translation>
            <numerusform>Project %1: %n run</numerusform>
            <numerusform>Project %1: %n runs</numerusform>
        </translation>
    </message>
    <message>
        <source>HeadStart — %1</source>
        <translation>HeadStart — %1</translation>
    </message>
    <message>
        <source>Open p&amp;roject…</source>
        <translation>Open p&amp;roject…</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Open project</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>Save project &amp;as…</translation>
    </message>
    <message>
        <source>Save project as (an empty or new folder)</source>
        <translation>Save project as (an empty or new folder)</translation>
    </message>
    <message>
        <source>The project is now kept in %1</source>
        <translation>The project is now kept in %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n could not be read</source>
        <translation>
            <numerusform>%1 of %n could not be read</numerusform>
            <numerusform>%1 of %n could not be read</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 on %2 (test images)</source>
        <translation>%1 on %2 (test images)</translation>
    </message>
    <message>
        <source>Evaluated %1</source>
        <translation>Evaluated %1</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Checking %1…</translation>
    </message>
    <message>
        <source>Using %1 (%2)</source>
        <translation>Using %1 (%2)</translation>
    </message>
    <message>
        <source>%1 is a trained layer, not pretrained weights</source>
        <translation>%1 is a trained layer, not pretrained weights</translation>
    </message>
    <message>
        <source>This file comes from a HeadStart export: a final layer trained on your classes. Pretrained weights are a whole ResNet trained on ImageNet, such as torchvision's resnet50-11ad3fa6.pth. You can load this file as the trained layer instead.</source>
        <translation>This file comes from a HeadStart export: a final layer trained on your classes. Pretrained weights are a whole ResNet trained on ImageNet, such as torchvision's resnet50-11ad3fa6.pth. You can load this file as the trained layer instead.</translation>
    </message>
    <message>
        <source>%1 cannot be used as pretrained weights</source>
        <translation>%1 cannot be used as pretrained weights</translation>
    </message>
    <message>
        <source>%1 was not taken as pretrained weights</source>
        <translation>%1 was not taken as pretrained weights</translation>
    </message>
    <message>
        <source>%1, %2 (%3); %4</source>
        <translation>%1, %2 (%3); %4</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) waiting: they are predicted once pretrained weights are chosen (see the panel above)</source>
        <translation>
            <numerusform>%n image waiting: they are predicted once pretrained weights are chosen (see the panel above)</numerusform>
            <numerusform>%n images waiting: they are predicted once pretrained weights are chosen (see the panel above)</numerusform>
        </translation>
    </message>
    <message>
        <source>Training %1…</source>
        <translation>Training %1…</translation>
    </message>
    <message>
        <source>&amp;Export %1…</source>
        <translation>&amp;Export %1…</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>Export %1</translation>
    </message>
    <message>
        <source>Choose a dataset on the Train page first: the head is evaluated on its test images</source>
        <translation>Choose a dataset on the Train page first: the head is evaluated on its test images</translation>
    </message>
    <message>
        <source>Wait for the training run to end</source>
        <translation>Wait for the training run to end</translation>
    </message>
    <message>
        <source>Evaluating %1…</source>
        <translation>Evaluating %1…</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>Training is running</translation>
    </message>
    <message>
        <source>Stop the training run and quit? Its curves so far are kept in the project; finished runs are all saved.</source>
        <translation>Stop the training run and quit? Its curves so far are kept in the project; finished runs are all saved.</translation>
    </message>
    <message>
        <source>fast mode</source>
        <translation>fast mode</translation>
    </message>
    <message>
        <source>exact mode</source>
        <translation>exact mode</translation>
    </message>
    <message>
        <source>&amp;Speed</source>
        <translation>&amp;Speed</translation>
    </message>
    <message>
        <source>&amp;Automatic: exact predictions, fast training where possible</source>
        <translation>&amp;Automatic: exact predictions, fast training where possible</translation>
    </message>
    <message>
        <source>&amp;Exact: the same numbers as PyTorch</source>
        <translation>&amp;Exact: the same numbers as PyTorch</translation>
    </message>
    <message>
        <source>&amp;Fast: bfloat16, about three times faster; top classes rarely change</source>
        <translation>&amp;Fast: bfloat16, about three times faster; top classes rarely change</translation>
    </message>
    <message>
        <source>Needs a processor that computes in bfloat16 natively (avx512_bf16 or amx_bf16); this one does not</source>
        <translation>Needs a processor that computes in bfloat16 natively (avx512_bf16 or amx_bf16); this one does not</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Dataset checked in %1 s</source>
        <translation>Dataset checked in %1 s</translation>
    </message>
    <message>
        <source>Dataset check cancelled</source>
        <translation>Dataset check cancelled</translation>
    </message>
    <message>
        <source>Wait for the dataset check to end, or cancel it</source>
        <translation>Wait for the dataset check to end, or cancel it</translation>
    </message>
    <message>
        <source>Choose a dataset on the Train page first: its images are checked</source>
        <translation>Choose a dataset on the Train page first: its images are checked</translation>
    </message>
    <message>
        <source>Wait for the running job to end, or cancel it</source>
        <translation>Wait for the running job to end, or cancel it</translation>
    </message>
    <message>
        <source>turbo mode</source>
        <translation>turbo mode</translation>
    </message>
    <message>
        <source>turbo mode, calibrated on %1</source>
        <translation>turbo mode, calibrated on %1</translation>
    </message>
    <message>
        <source>&amp;Turbo: 8-bit integers, the fastest; may cost a little accuracy</source>
        <translation>&amp;Turbo: 8-bit integers, the fastest; may cost a little accuracy</translation>
    </message>
    <message>
        <source>Learning rate found in %1 s</source>
        <translation>Learning rate found in %1 s</translation>
    </message>
    <message>
        <source>Learning-rate search cancelled</source>
        <translation>Learning-rate search cancelled</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>Searching for a learning rate…</source>
        <translation>Searching for a learning rate…</translation>
    </message>
    <message numerus="yes">
        <source>Calibrating turbo on %n image(s)…</source>
        <translation>
            <numerusform>Calibrating turbo on %n image…</numerusform>
            <numerusform>Calibrating turbo on %n images…</numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluate a trained head</source>
        <translation>Evaluate a trained head</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;New project…</translation>
    </message>
    <message>
        <source>Project folder:</source>
        <translation>Project folder:</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>New project (an empty or new folder)</source>
        <translation>New project (an empty or new folder)</translation>
    </message>
    <message>
        <source>%1: choose an empty or new folder for the project</source>
        <translation>%1: choose an empty or new folder for the project</translation>
    </message>
    <message>
        <source>New project in %1</source>
        <translation>New project in %1</translation>
    </message>
    <message>
        <source>Also the &amp;mirror image (test-time flip)</source>
        <translation>Also the &amp;mirror image (test-time flip)</translation>
    </message>
    <message>
        <source>Predicts and evaluates each image and its mirror image, their probabilities averaged: often a little more accurate, twice the work</source>
        <translation>Predicts and evaluates each image and its mirror image, their probabilities averaged: often a little more accurate, twice the work</translation>
    </message>
    <message>
        <source>Pretrained weights are a ResNet (18, 34, 50, 101 or 152) trained on ImageNet's 1000 classes. The weights in use stay as they were.</source>
        <translation>Pretrained weights are a ResNet (18, 34, 50, 101 or 152) trained on ImageNet's 1000 classes. The weights in use stay as they were.</translation>
    </message>
    <message>
        <source>Pretrained ResNet weights are needed</source>
        <translation>Pretrained ResNet weights are needed</translation>
    </message>
    <message>
        <source>No ResNet weights file was found in %1, torchvision's download folder, where Python would have put it. Download ResNet50, 34 or 18 here, or choose a .pth file you already have.</source>
        <translation>No ResNet weights file was found in %1, torchvision's download folder, where Python would have put it. Download ResNet50, 34 or 18 here, or choose a .pth file you already have.</translation>
    </message>
</context>
<context>
    <name>headstart::ui::NumberField</name>
    <message>
        <source>a number above %1 and at most %2, such as %3 or 1e-4</source>
        <translation>a number above %1 and at most %2, such as %3 or 1e-4</translation>
    </message>
    <message>
        <source>a number from %1 to %2, such as %3</source>
        <translation>a number from %1 to %2, such as %3</translation>
    </message>
    <message>
        <source>Enter %1. Both . and , are read as the decimal point.</source>
        <translation>Enter %1. Both . and , are read as the decimal point.</translation>
    </message>
    <message>
        <source>%1 is out of range: enter %2.</source>
        <translation>%1 is out of range: enter %2.</translation>
    </message>
    <message>
        <source>"%1" is not a number: enter %2.</source>
        <translation>"%1" is not a number: enter %2.</translation>
    </message>
</context>
<context>
    <name>headstart::ui::PredictPage</name>
    <message>
        <source>Show why (class activation map)</source>
        <translation>Show why (class activation map)</translation>
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
        <source>Open images</source>
        <translation>Open images</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Images (%1)</translation>
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
        <source>Remove %1</source>
        <translation>Remove %1</translation>
    </message>
    <message>
        <source>Remove this card</source>
        <translation>Remove this card</translation>
    </message>
    <message>
        <source>%1: could not be read</source>
        <translation>%1: could not be read</translation>
    </message>
    <message>
        <source>%1: %2, %3 %</source>
        <translation>%1: %2, %3 %</translation>
    </message>
    <message>
        <source>Paste an image, or the path of an image file (Ctrl+V)</source>
        <translation>Paste an image, or the path of an image file (Ctrl+V)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Remove every card</source>
        <translation>Remove every card</translation>
    </message>
    <message>
        <source>Drop images or folders here, or use "Open images…" or "Paste" above (Ctrl+O, Ctrl+V).</source>
        <translation>Drop images or folders here, or use "Open images…" or "Paste" above (Ctrl+O, Ctrl+V).</translation>
    </message>
    <message>
        <source>Prediction progress</source>
        <translation>Prediction progress</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>Predictions</translation>
    </message>
    <message>
        <source>Predict a folder…</source>
        <translation>Predict a folder…</translation>
    </message>
    <message>
        <source>Every image in a folder and its subfolders, in a table you can sort, filter, save as CSV and sort into class folders</source>
        <translation>Every image in a folder and its subfolders, in a table you can sort, filter, save as CSV and sort into class folders</translation>
    </message>
    <message>
        <source>Predict a folder</source>
        <translation>Predict a folder</translation>
    </message>
    <message>
        <source>turbo</source>
        <translation>turbo</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>fast</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exact</translation>
    </message>
    <message>
        <source>Show why for the class</source>
        <translation>Show why for the class</translation>
    </message>
    <message>
        <source>The class whose evidence the picture shows</source>
        <translation>The class whose evidence the picture shows</translation>
    </message>
    <message>
        <source>Computed in %1 mode</source>
        <translation>Computed in %1 mode</translation>
    </message>
    <message>
        <source>Computed in turbo mode, calibrated on %1</source>
        <translation>Computed in turbo mode, calibrated on %1</translation>
    </message>
    <message>
        <source>Colours the part of the network's view that most supports a class: the top one, or the one chosen under the picture</source>
        <translation>Colours the part of the network's view that most supports a class: the top one, or the one chosen under the picture</translation>
    </message>
    <message>
        <source>Predicting: %1 of %2 read</source>
        <translation>Predicting: %1 of %2 read</translation>
    </message>
    <message numerus="yes">
        <source>Calibrating turbo on %n image(s)…</source>
        <translation>
            <numerusform>Calibrating turbo on %n image…</numerusform>
            <numerusform>Calibrating turbo on %n images…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>headstart::ui::Project</name>
    <message>
        <source>%1: cannot create the project folder</source>
        <translation>%1: cannot create the project folder</translation>
    </message>
    <message>
        <source>Interrupted at epoch %1 of %2: HeadStart closed during training</source>
        <translation>Interrupted at epoch %1 of %2: HeadStart closed during training</translation>
    </message>
    <message>
        <source>%1: choose an empty or new folder for the project</source>
        <translation>%1: choose an empty or new folder for the project</translation>
    </message>
    <message>
        <source>%1: cannot copy the project there</source>
        <translation>%1: cannot copy the project there</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Run %1</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1: cannot create the folder</translation>
    </message>
</context>
<context>
    <name>headstart::ui::RunsView</name>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Dataset</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>Test accuracy</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Training runs</source>
        <translation>Training runs</translation>
    </message>
    <message>
        <source>Tick a run to draw it in the plot; double-click its name to rename it</source>
        <translation>Tick a run to draw it in the plot; double-click its name to rename it</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Export the selected run's trained layer</source>
        <translation>Export the selected run's trained layer</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Evaluate</translation>
    </message>
    <message>
        <source>Show the selected run's results on the Evaluate page</source>
        <translation>Show the selected run's results on the Evaluate page</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Remove the selected run from the project (your images stay)</source>
        <translation>Remove the selected run from the project (your images stay)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s), lr %1, batch %2</source>
        <translation>
            <numerusform>%n epoch, lr %1, batch %2</numerusform>
            <numerusform>%n epochs, lr %1, batch %2</numerusform>
        </translation>
    </message>
    <message>
        <source>, validation %1%</source>
        <translation>, validation %1%</translation>
    </message>
    <message>
        <source>, cosine schedule</source>
        <translation>, cosine schedule</translation>
    </message>
    <message>
        <source>, one-cycle schedule</source>
        <translation>, one-cycle schedule</translation>
    </message>
    <message>
        <source>, warm-up %1</source>
        <translation>, warm-up %1</translation>
    </message>
    <message>
        <source>, label smoothing %1</source>
        <translation>, label smoothing %1</translation>
    </message>
    <message>
        <source>, balanced</source>
        <translation>, balanced</translation>
    </message>
    <message numerus="yes">
        <source>, %n augmented view(s)</source>
        <translation>
            <numerusform>, %n augmented view</numerusform>
            <numerusform>, %n augmented views</numerusform>
        </translation>
    </message>
    <message>
        <source>last stage, %1</source>
        <translation>last stage, %1</translation>
    </message>
</context>
<context>
    <name>headstart::ui::SortDialog</name>
    <message>
        <source>Sort into folders</source>
        <translation>Sort into folders</translation>
    </message>
    <message>
        <source>Copies each image into a folder named after its class, and those below the confidence into _uncertain. The images themselves are never moved, changed or overwritten.</source>
        <translation>Copies each image into a folder named after its class, and those below the confidence into _uncertain. The images themselves are never moved, changed or overwritten.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Choose the folder to sort into</source>
        <translation>Choose the folder to sort into</translation>
    </message>
    <message>
        <source>Sort &amp;into</source>
        <translation>Sort &amp;into</translation>
    </message>
    <message>
        <source>&amp;Minimum confidence</source>
        <translation>&amp;Minimum confidence</translation>
    </message>
    <message>
        <source>&amp;Hard links instead of copies (same disk, no extra space)</source>
        <translation>&amp;Hard links instead of copies (same disk, no extra space)</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>Sort</translation>
    </message>
    <message>
        <source>Sort into</source>
        <translation>Sort into</translation>
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
        <source>Train</source>
        <translation>Train</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Recent dataset folders</source>
        <translation>Recent dataset folders</translation>
    </message>
    <message>
        <source>Dataset report</source>
        <translation>Dataset report</translation>
    </message>
    <message>
        <source>&amp;Epochs</source>
        <translation>&amp;Epochs</translation>
    </message>
    <message>
        <source>&amp;Batch size</source>
        <translation>&amp;Batch size</translation>
    </message>
    <message>
        <source>&amp;Learning rate</source>
        <translation>&amp;Learning rate</translation>
    </message>
    <message>
        <source>&amp;Weight decay</source>
        <translation>&amp;Weight decay</translation>
    </message>
    <message>
        <source>&amp;Seed</source>
        <translation>&amp;Seed</translation>
    </message>
    <message>
        <source>&amp;Validation fraction</source>
        <translation>&amp;Validation fraction</translation>
    </message>
    <message>
        <source>&amp;Patience (epochs)</source>
        <translation>&amp;Patience (epochs)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>off</translation>
    </message>
    <message>
        <source>With a validation fraction: stop after this many epochs without a better validation loss</source>
        <translation>With a validation fraction: stop after this many epochs without a better validation loss</translation>
    </message>
    <message>
        <source>Stop the run (Esc); its curves are kept</source>
        <translation>Stop the run (Esc); its curves are kept</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>Training progress</translation>
    </message>
    <message>
        <source>x: epochs</source>
        <translation>x: epochs</translation>
    </message>
    <message>
        <source>x: batches (steps)</source>
        <translation>x: batches (steps)</translation>
    </message>
    <message>
        <source>Horizontal axis of the plot</source>
        <translation>Horizontal axis of the plot</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>Reset view</translation>
    </message>
    <message>
        <source>Fit the plot to the runs shown (drag to pan, wheel to zoom)</source>
        <translation>Fit the plot to the runs shown (drag to pan, wheel to zoom)</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>Training curves</translation>
    </message>
    <message>
        <source>A field in red does not hold an acceptable number: see its tooltip</source>
        <translation>A field in red does not hold an acceptable number: see its tooltip</translation>
    </message>
    <message>
        <source>Choose a dataset folder first</source>
        <translation>Choose a dataset folder first</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>Starting %1…</translation>
    </message>
    <message>
        <source>%1 done: test accuracy %2</source>
        <translation>%1 done: test accuracy %2</translation>
    </message>
    <message>
        <source>Cancelled at epoch %1 of %2</source>
        <translation>Cancelled at epoch %1 of %2</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>Drag to pan, wheel to zoom; on the keyboard, arrows pan, + and - zoom, Home fits</source>
        <translation>Drag to pan, wheel to zoom; on the keyboard, arrows pan, + and - zoom, Home fits</translation>
    </message>
    <message>
        <source>Fin&amp;d learning rate</source>
        <translation>Fin&amp;d learning rate</translation>
    </message>
    <message>
        <source>Train briefly on the cached features while the learning rate rises, and put the rate where the loss falls fastest into the field above</source>
        <translation>Train briefly on the cached features while the learning rate rises, and put the rate where the loss falls fastest into the field above</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Advanced</translation>
    </message>
    <message>
        <source>Sc&amp;hedule</source>
        <translation>Sc&amp;hedule</translation>
    </message>
    <message>
        <source>Warm-&amp;up (epochs)</source>
        <translation>Warm-&amp;up (epochs)</translation>
    </message>
    <message>
        <source>Label smoothin&amp;g</source>
        <translation>Label smoothin&amp;g</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>Constant</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Cosine</translation>
    </message>
    <message>
        <source>One cycle</source>
        <translation>One cycle</translation>
    </message>
    <message>
        <source>How the learning rate changes: constant (as the notebook), cosine decay to zero, or one cycle up and down</source>
        <translation>How the learning rate changes: constant (as the notebook), cosine decay to zero, or one cycle up and down</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Epochs over which the learning rate rises linearly to its value (may be fractional); for one cycle, the length of its rise (0: 30% of the run)</source>
        <translation>Epochs over which the learning rate rises linearly to its value (may be fractional); for one cycle, the length of its rise (0: 30% of the run)</translation>
    </message>
    <message>
        <source>Part of each label spread over the other classes, from 0 (none) to 0.9</source>
        <translation>Part of each label spread over the other classes, from 0 (none) to 0.9</translation>
    </message>
    <message>
        <source>Searching for a learning rate…</source>
        <translation>Searching for a learning rate…</translation>
    </message>
    <message>
        <source>Suggested learning rate: %1 (now in the form)</source>
        <translation>Suggested learning rate: %1 (now in the form)</translation>
    </message>
    <message>
        <source>Aug&amp;mented views per image</source>
        <translation>Aug&amp;mented views per image</translation>
    </message>
    <message>
        <source>Besides its centre crop, each training image is also seen as this many random crops with flips and colour changes, one drawn per epoch; each view costs one more pass of the network over the training images the first time, and is cached after.</source>
        <translation>Besides its centre crop, each training image is also seen as this many random crops with flips and colour changes, one drawn per epoch; each view costs one more pass of the network over the training images the first time, and is cached after.</translation>
    </message>
    <message>
        <source>Fine-&amp;tune</source>
        <translation>Fine-&amp;tune</translation>
    </message>
    <message>
        <source>Last layer only</source>
        <translation>Last layer only</translation>
    </message>
    <message>
        <source>Last stage and layer</source>
        <translation>Last stage and layer</translation>
    </message>
    <message>
        <source>Last stage and layer: layer4 trains too, after a head-only epoch; the frozen part's output is cached on disk (up to 4 GB, oldest entries removed)</source>
        <translation>Last stage and layer: layer4 trains too, after a head-only epoch; the frozen part's output is cached on disk (up to 4 GB, oldest entries removed)</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>Fine-tune</translation>
    </message>
    <message numerus="yes">
        <source>%n older cached layer3 output(s) removed to stay within the cache budget</source>
        <translation>
            <numerusform>%n older cached layer3 output removed to stay within the cache budget</numerusform>
            <numerusform>%n older cached layer3 outputs removed to stay within the cache budget</numerusform>
        </translation>
    </message>
    <message>
        <source>No clear descent; keeping the current rate %1</source>
        <translation>No clear descent; keeping the current rate %1</translation>
    </message>
    <message>
        <source>Le&amp;gend</source>
        <translation>Le&amp;gend</translation>
    </message>
    <message>
        <source>Show the legend under the plot; it folds away where the plot is too short for it</source>
        <translation>Show the legend under the plot; it folds away where the plot is too short for it</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>Delete run</translation>
    </message>
    <message>
        <source>Delete %1 from the project, with its curves and trained layer? This cannot be undone; your images and exported files stay.</source>
        <translation>Delete %1 from the project, with its curves and trained layer? This cannot be undone; your images and exported files stay.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Reading images through the network: %1 of %2</source>
        <translation>Reading images through the network: %1 of %2</translation>
    </message>
    <message numerus="yes">
        <source>, %n from the cache</source>
        <translation>
            <numerusform>, %n from the cache</numerusform>
            <numerusform>, %n from the cache</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 images/s</source>
        <translation>, %1 images/s</translation>
    </message>
    <message>
        <source>, about %1 left</source>
        <translation>, about %1 left</translation>
    </message>
    <message>
        <source>Epoch %1 of %2</source>
        <translation>Epoch %1 of %2</translation>
    </message>
    <message>
        <source>Head warm-up: epoch %1 of %2</source>
        <translation>Head warm-up: epoch %1 of %2</translation>
    </message>
    <message>
        <source>Last stage: epoch %1 of %2</source>
        <translation>Last stage: epoch %1 of %2</translation>
    </message>
    <message>
        <source>, mean loss so far %1</source>
        <translation>, mean loss so far %1</translation>
    </message>
    <message>
        <source>Cancelled during the head warm-up, before the last stage trained</source>
        <translation>Cancelled during the head warm-up, before the last stage trained</translation>
    </message>
    <message>
        <source>Cancelled at last-stage epoch %1 of %2</source>
        <translation>Cancelled at last-stage epoch %1 of %2</translation>
    </message>
    <message>
        <source>Another run is already called %1: choose another name</source>
        <translation>Another run is already called %1: choose another name</translation>
    </message>
    <message>
        <source>Bala&amp;nce classes</source>
        <translation>Bala&amp;nce classes</translation>
    </message>
    <message>
        <source>Weight the loss by how rare each class is</source>
        <translation>Weight the loss by how rare each class is</translation>
    </message>
    <message>
        <source>Test-time fl&amp;ip</source>
        <translation>Test-time fl&amp;ip</translation>
    </message>
    <message>
        <source>Evaluate each test image and its mirror image: the test accuracy averages their probabilities; training never sees it</source>
        <translation>Evaluate each test image and its mirror image: the test accuracy averages their probabilities; training never sees it</translation>
    </message>
    <message>
        <source>Warm-start ImageNet's classes</source>
        <translation>Warm-start ImageNet's classes</translation>
    </message>
    <message>
        <source>Classes named like ImageNet's ("tabby cat", "tabby") start from the pretrained layer's weights for them</source>
        <translation>Classes named like ImageNet's ("tabby cat", "tabby") start from the pretrained layer's weights for them</translation>
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
        <source>Cannot download %1: %2. Without a network connection, download the file on another computer and choose it with "Choose a file…".</source>
        <translation>Cannot download %1: %2. Without a network connection, download the file on another computer and choose it with "Choose a file…".</translation>
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
    <message>
        <source>Load it as the trained layer</source>
        <translation>Load it as the trained layer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Download progress</translation>
    </message>
    <message>
        <source>Download from download.pytorch.org</source>
        <translation>Download from download.pytorch.org</translation>
    </message>
    <message>
        <source>%1 (%2 MB)</source>
        <translation>%1 (%2 MB)</translation>
    </message>
    <message>
        <source>Network to download</source>
        <translation>Network to download</translation>
    </message>
    <message>
        <source>ResNet50 is the most accurate; ResNet18 and ResNet34 are smaller and several times faster, for slow computers or many images</source>
        <translation>ResNet50 is the most accurate; ResNet18 and ResNet34 are smaller and several times faster, for slow computers or many images</translation>
    </message>
</context>
</TS>