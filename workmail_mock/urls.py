"""moto's URL table for WorkMail (moto requires this module name beside ``models``)."""

from workmail_mock.wiring.server import WorkMailResponse

url_bases = [r"https?://workmail\.(.+)\.amazonaws\.com"]

url_paths = {"{0}/$": WorkMailResponse.dispatch}
