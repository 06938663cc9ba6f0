"""The site model: what the pages of one language show, built from the data alone (no Pelican)."""

from .site import ModelSettings, SiteModel, build_model, page_key

__all__ = ["ModelSettings", "SiteModel", "build_model", "page_key"]
