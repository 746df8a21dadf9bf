"""Finding published articles: the query a researcher types (queries), the
index it runs on (indexing), the page's engine that filters, counts and
orders in memory (engine), the facets declared once and everything made
from them (facets), the filter form (filters), the orders (ranking), and
what a result shows (snippets, listing)."""
