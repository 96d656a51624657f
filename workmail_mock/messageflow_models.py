"""The ``workmailmessageflow`` backend as moto knows it.

moto finds ``workmailmessageflow_backends`` in ``moto.workmailmessageflow`` (aliased to
this module by ``workmail_mock.wiring.registration``) and the URL table in
``messageflow_urls`` beside it (moto derives that name from this module's). The messages
themselves belong to WorkMail organizations (``state.messages``), so they are reset and
wiped with WorkMail's state; this backend holds nothing of its own.
"""

from __future__ import annotations

from moto.core.base_backend import BackendDict, BaseBackend

from workmail_mock import spec


class WorkMailMessageFlowBackend(BaseBackend):
    """One account and region of ``workmailmessageflow`` (its state is WorkMail's)."""


#: botocore's endpoint data lists no regions for workmailmessageflow: WorkMail's are used
#: (the API serves the organizations of its region).
workmailmessageflow_backends = BackendDict(
    WorkMailMessageFlowBackend, spec.MESSAGEFLOW_SERVICE, use_boto3_regions=False,
    additional_regions=list(spec.supported_regions()),
)
