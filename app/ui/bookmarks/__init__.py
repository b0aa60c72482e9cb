"""The bookmarks sidebar, its list model, file import by drop or menu, and connecting."""
