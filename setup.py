"""Packaging beside pyproject.toml for one thing it cannot say: the text catalogs in `locales/`
and the AI prompt files in `prompts/` (kept at the top of the repository, where translators and
prompt writers find them) go into the wheel as the packages `concept.locales` and
`concept.prompts`, so an installed copy has every text an export prints and every prompt the AI
sends."""

from setuptools import find_packages, setup

LANGUAGES = ("fi", "en")

setup(
    packages=find_packages(include=["concept*"])
    + ["concept.locales"] + [f"concept.locales.{lang}" for lang in LANGUAGES]
    + ["concept.prompts"],
    package_dir={"concept.locales": "locales", "concept.prompts": "prompts"},
    package_data={"concept.locales": ["*/*.toml"],
                  "concept.prompts": ["*.md", "*.toml"],
                  "concept.export": ["fonts/*.ttf", "fonts/*.txt", "templates/*.j2"],
                  "concept.recipes": ["*.toml"],
                  "concept.migrations": ["*.sql"]},
)
