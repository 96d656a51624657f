"""moto's URL table for ``workmailmessageflow`` (moto derives this module's name from
``messageflow_models``)."""

from workmail_mock.wiring.messageflow import MessageFlowResponse

url_bases = [r"https?://workmailmessageflow\.(.+)\.amazonaws\.com"]

url_paths = {"{0}/messages/(?P<message_id>[^/]+)$": MessageFlowResponse.dispatch}
