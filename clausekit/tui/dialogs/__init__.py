"""Modal dialogs, each a typed ``ModalScreen[T]`` that returns through ``dismiss``."""
