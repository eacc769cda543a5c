//! Article text and metadata out of a saved web page.
