"""The reviewer web app (FastAPI, server-rendered). The core never imports this package."""

from harness.apps.review.app import create_app

__all__ = ["create_app"]
