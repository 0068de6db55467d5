"""The Django project of Pustaka: settings, URLs and the shared GraphQL machinery."""
