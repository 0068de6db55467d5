from django.apps import AppConfig


class SamplePostsConfig(AppConfig):
    name = "tests.community.sample_posts"
    label = "sample_posts"
