"""The app's domain signals, counted by ``portal.analytics`` (``receivers.connect_later``).

Both carry only ``subject`` (the topic) and ``language``; ``question_answered`` also ``value``,
the whole minutes from the question to its first answer. Never the asker or the text.
"""

from django.dispatch import Signal

question_asked = Signal()
question_answered = Signal()
