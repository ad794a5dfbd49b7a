"""What a built folder says about itself: the card, Croissant, the manifest, the explorer, the text-free variant."""
