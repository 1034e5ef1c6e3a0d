"""Packaging beside pyproject.toml for one thing it cannot say: the text catalogs in `locales/`
(kept at the top of the repository, where translators find them) go into the wheel as the
package `concept.locales`, so an installed copy has every text an export prints."""

from setuptools import find_packages, setup

LANGUAGES = ("fi", "en")

setup(
    packages=find_packages(include=["concept*"])
    + ["concept.locales"] + [f"concept.locales.{lang}" for lang in LANGUAGES],
    package_dir={"concept.locales": "locales"},
    package_data={"concept.locales": ["*/*.toml"],
                  "concept.export": ["fonts/*.ttf", "fonts/*.txt", "templates/*.j2"],
                  "concept.recipes": ["*.toml"],
                  "concept.migrations": ["*.sql"]},
)
