"""What researchers see: the pages, the charts and the exports."""
