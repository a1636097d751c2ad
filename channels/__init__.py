"""Messaging-platform channels: Telegram, WhatsApp (Twilio), Facebook Messenger, Slack.

Each connector subclasses Rasa's stock one, verifies that inbound webhooks were signed by the
platform (401 when unsigned, 403 when wrongly signed), and sends replies to a send API whose
base URL is configurable (the real platform by default). `channels.credentials` builds the
`rasa run --credentials` file from `startup.settings`.
"""
