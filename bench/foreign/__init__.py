"""The foreign set: article pages of sites our rules were never written for, scored against trafilatura."""
