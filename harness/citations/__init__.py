"""Citations in answers: extraction (``extract``) and offline resolution against the registry (``resolve``)."""
