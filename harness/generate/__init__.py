"""Built-in generators; importing this package registers their spec prefixes."""

from harness.generate import command, gold, openai_compat, python, recorded  # noqa: F401
from harness.generate.base import (
    GENERATORS,
    Generator,
    GeneratorOptions,
    build_user_message,
    make_generator,
    register_generator,
)

__all__ = ["GENERATORS", "Generator", "GeneratorOptions", "build_user_message", "make_generator",
           "register_generator"]
