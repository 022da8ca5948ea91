# `cmake --build build --target package` makes build/headstart_<version>_<arch>.deb from the
# `cmake --install` tree. Library dependencies come from dpkg-shlibdeps; what it cannot see
# (Qt plugins loaded at run time) is listed by hand.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME headstart)
set(CPACK_PACKAGE_VENDOR "The HeadStart developers")
set(CPACK_PACKAGE_CONTACT "The HeadStart developers <headstart@users.noreply.github.com>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/headstart/headstart")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "interactive transfer learning with ResNet")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "HeadStart predicts the top-5 ImageNet classes of images with a pretrained
ResNet, exactly as torchvision does, and trains a new final layer on a
frozen ResNet50 from a folder of images, on an ordinary CPU, with live
loss curves, a confusion matrix and export to PyTorch files.

This package holds the window (headstart) and its command-line twin
(headstart-cli), in English and Russian.")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The SVG icon plugin is loaded at run time, unseen by
# dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, qt6-wayland")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_INSTALL_DIRECTORY /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
