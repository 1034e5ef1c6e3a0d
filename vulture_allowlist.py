"""Names vulture cannot see being used: set for a library, called by a framework, or read by
name. Vulture reads this file as code that uses them; it is never imported or run.

Generic framework names (pytest hooks and fixtures, pydantic's hooks) are ignored in
pyproject.toml ([tool.vulture]); what is listed here is specific to this code.
"""

# python-docx: properties assigned to style the document (concept/export/docx.py).
_.tblStyle_val
_.autofit
_.page_height
_.page_width
_.left_margin
_.right_margin
_.top_margin
_.bottom_margin
_.different_first_page_header_footer
_.subject

# Model fields written and read by name (bound widgets, EVERYDAY_FIELDS, the stored file).
constants
new_products_services
anxieties
horizon_years
created_at

# http.server and socketserver hooks of the fake OpenAI server (tests/fake_openai.py).
method
daemon_threads
protocol_version
_.log_message
_.do_GET
_.do_POST
_.close_connection

# html.parser.HTMLParser hooks in the export tests.
_.handle_endtag
_.handle_data
handle_startendtag

# io.RawIOBase hook of the endless upload in tests/test_transfer.py.
_.readable

# The value proposition's quality self-check criteria, read and written by name (QUALITY_CRITERIA).
viable_model
important_needs
unsatisfied
few_done_well
beyond_functional
customer_measures
many_or_pay
cares_about
outperforms
hard_to_copy

# Interview fields the page binds by name (concept/ui/tools/interviews.py).
_.consent

# python-docx paragraph format property, set for Word to read (figures keep with caption).
_.keep_with_next

# python-pptx shape and text properties, set for PowerPoint to read.
_.word_wrap
_.space_after
_.italic
_.slide_height
_.slide_width
