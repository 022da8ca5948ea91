#pragma once
// Export asks for one name and shows every file it will write, extensions included, before
// anything is written: NAME.pt (the new final layer), NAME-model.pt (the whole network, if
// wanted), NAME.json (the manifest: classes and how the run was trained) and NAME.onnx (for
// other engines, if wanted).

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace headstart::ui {

class ExportDialog : public QDialog {
  Q_OBJECT

 public:
  ExportDialog(const QString& folder, const QString& name, QWidget* parent = nullptr);

  // For a run that fine-tuned layer4: the whole network is always written (its layer4 is nowhere
  // else), so its box is ticked and cannot be unticked.
  void requireModel();

  // FOLDER/NAME, to which the files' names are added.
  QString basePath() const;
  bool withModel() const;
  bool withOnnx() const;
  // FOLDER/NAME.onnx
  QString onnxPath() const;
  // The files that will be written, in the order shown.
  QStringList files() const;

  QLineEdit* nameField() const { return m_name; }
  QLineEdit* folderField() const { return m_folder; }
  QCheckBox* modelBox() const { return m_model; }
  QCheckBox* onnxBox() const { return m_onnx; }
  QLabel* filesLabel() const { return m_files; }

 private:
  QLineEdit *m_folder, *m_name;
  QCheckBox *m_model, *m_onnx;
  QLabel* m_files;
  QPushButton* m_ok;

  void update();
};

}  // namespace headstart::ui
