"""The judged query set over the assembly replica and its scorer."""
