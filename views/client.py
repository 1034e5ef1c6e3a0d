"""The client link's page: a read-only preview and the downloads of one concept."""

from concept.ui.client import client_page

client_page()
