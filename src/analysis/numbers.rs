//! Numbers written in digits, words or vague amounts.
