"""The Competition workspace: matrix, positioning map and battlecards."""
