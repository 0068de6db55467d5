"""What members do: accounts, profiles, reviews, lists, discussions, moderation."""
