"""Every change in quality monitoring goes through these functions: pages, API and jobs."""
