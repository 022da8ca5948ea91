#include "export_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "headstart/export.h"

namespace headstart::ui {

ExportDialog::ExportDialog(const QString& folder, const QString& name, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Export the trained model"));
  auto* form = new QFormLayout(this);
  m_folder = new QLineEdit(folder);
  auto* browse = new QPushButton(tr("Choose…"));
  auto* folderRow = new QHBoxLayout;
  folderRow->addWidget(m_folder, 1);
  folderRow->addWidget(browse);
  auto* folderLabel = new QLabel(tr("&Folder"));
  folderLabel->setBuddy(m_folder);
  form->addRow(folderLabel, folderRow);
  m_name = new QLineEdit(name);
  auto* nameLabel = new QLabel(tr("&Name"));
  nameLabel->setBuddy(m_name);
  form->addRow(nameLabel, m_name);
  m_model =
      new QCheckBox(tr("Also the whole network (NAME-model.pt, about 100 MB for ResNet50): "
                       "loads into torchvision's model with num_classes set"));
  m_model->setChecked(true);
  form->addRow(m_model);
  m_onnx =
      new QCheckBox(tr("Also as ONNX (NAME.onnx): runs in ONNX Runtime, OpenCV and other "
                       "engines without HeadStart; it takes resized RGB crops and does the "
                       "normalisation itself"));
  form->addRow(m_onnx);
  m_files = new QLabel;
  m_files->setWordWrap(true);
  m_files->setTextInteractionFlags(Qt::TextSelectableByMouse);
  form->addRow(m_files);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  m_ok = buttons->button(QDialogButtonBox::Ok);
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(browse, &QPushButton::clicked, this, [this] {
    const auto dir = QFileDialog::getExistingDirectory(this, tr("Export folder"), m_folder->text());
    if (!dir.isEmpty()) m_folder->setText(dir);
  });
  for (auto* field : {m_folder, m_name})
    connect(field, &QLineEdit::textChanged, this, &ExportDialog::update);
  connect(m_model, &QCheckBox::toggled, this, &ExportDialog::update);
  connect(m_onnx, &QCheckBox::toggled, this, &ExportDialog::update);
  update();
}

void ExportDialog::requireModel() {
  m_model->setChecked(true);
  m_model->setEnabled(false);
  m_model->setToolTip(
      tr("This run fine-tuned the last stage: its trained layer4 is kept in the whole network"));
}

QString ExportDialog::basePath() const {
  return QDir(m_folder->text().trimmed()).filePath(m_name->text().trimmed());
}

bool ExportDialog::withModel() const { return m_model->isChecked(); }
bool ExportDialog::withOnnx() const { return m_onnx->isChecked(); }

QString ExportDialog::onnxPath() const {
  auto manifest = QString::fromStdString(exportPathsFor(basePath().toStdString()).manifest);
  return manifest.left(manifest.size() - int(qstrlen(".json"))) + QStringLiteral(".onnx");
}

QStringList ExportDialog::files() const {
  const auto paths = exportPathsFor(basePath().toStdString());
  QStringList list{QString::fromStdString(paths.head)};
  if (withModel()) list << QString::fromStdString(paths.model);
  list << QString::fromStdString(paths.manifest);
  if (withOnnx()) list << onnxPath();
  return list;
}

void ExportDialog::update() {
  const QString name = m_name->text().trimmed();
  const bool usable =
      !name.isEmpty() && !name.contains(QLatin1Char('/')) && !m_folder->text().trimmed().isEmpty();
  m_ok->setEnabled(usable);
  if (!usable) {
    m_files->setText(tr("Enter a folder and a name (without a slash)."));
    return;
  }
  QString text = tr("Will write:") + QStringLiteral("<ul>");
  bool replaces = false;
  QStringList what{tr("the new final layer, for torch.nn.Linear")};
  if (withModel()) what << tr("the whole network, for torchvision's model");
  what << tr("the manifest: classes, how it was trained, results");
  if (withOnnx()) what << tr("the network for ONNX Runtime and OpenCV, preprocessing inside");
  const auto list = files();
  for (int i = 0; i < list.size(); ++i) {
    const bool exists = QFileInfo::exists(list[i]);
    replaces = replaces || exists;
    const QString role = what[i];
    text += QStringLiteral("<li><b>%1</b>: %2%3</li>")
                .arg(QFileInfo(list[i]).fileName().toHtmlEscaped(), role,
                     exists ? tr(" (replaces the existing file)") : QString());
  }
  text += QStringLiteral("</ul>");
  m_files->setText(text);
  m_ok->setText(replaces ? tr("Replace") : tr("Export"));
}

}  // namespace headstart::ui
