"""From raw article files to articles: reading, cleaning, saving."""
