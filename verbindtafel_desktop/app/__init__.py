"""The Qt application: windows, dialogs and item models. The only package importing QtWidgets."""
