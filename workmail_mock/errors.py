"""One exception class per error shape of botocore's WorkMail model, plus AWS's common errors.

Each class's wire code (``__type``) is its class name; the contract tests prove the set
matches the model one to one, and that each operation answers only the errors of its own
model error list (or the common ones). The state and operations layers raise these; the
protocol layer turns them into HTTP 400 JSON errors. This is the bottom layer: it
imports nothing of the package.
"""

from __future__ import annotations

from typing import ClassVar


class WorkMailError(Exception):
    """Base of every error the mock answers with."""

    code: ClassVar[str] = "WorkMailError"
    status: ClassVar[int] = 400
    #: True for the error shapes of the WorkMail model; False for AWS's common errors.
    modelled: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.code = cls.__name__

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- error shapes of the WorkMail model -------------------------------------------------


class DirectoryInUseException(WorkMailError):
    """The directory is already in use by another WorkMail organization."""


class DirectoryServiceAuthenticationFailedException(WorkMailError):
    """The directory service doesn't recognize the credentials supplied by WorkMail."""


class DirectoryUnavailableException(WorkMailError):
    """The directory is unavailable (unknown, or in the wrong state)."""


class EmailAddressInUseException(WorkMailError):
    """The email address is already in use by a user, group or resource."""


class EntityAlreadyRegisteredException(WorkMailError):
    """The user, group or resource is already registered with an email address."""


class EntityNotFoundException(WorkMailError):
    """The identifier supplied for the user, group or resource does not exist."""


class EntityStateException(WorkMailError):
    """The entity is in a state that does not allow the operation."""


class InvalidConfigurationException(WorkMailError):
    """The configuration for a resource isn't valid."""


class InvalidCustomSesConfigurationException(WorkMailError):
    """The custom SES configuration of the domain is not valid."""


class InvalidParameterException(WorkMailError):
    """One or more input parameters don't match the service's restrictions."""


class InvalidPasswordException(WorkMailError):
    """The password doesn't meet WorkMail's password policy."""


class LimitExceededException(WorkMailError):
    """A quota of the service was reached."""


class MailDomainInUseException(WorkMailError):
    """The mail domain is in use (by another organization, or by addresses)."""


class MailDomainNotFoundException(WorkMailError):
    """The domain specified is not found in the organization."""


class MailDomainStateException(WorkMailError):
    """The domain is not verified (or otherwise not in a usable state)."""


class NameAvailabilityException(WorkMailError):
    """The name (user, group, resource or organization alias) is already taken."""


class OrganizationNotFoundException(WorkMailError):
    """No organization with this id exists in the account and region."""


class OrganizationStateException(WorkMailError):
    """The organization must be Active for the operation to succeed."""


class ReservedNameException(WorkMailError):
    """The name is reserved by WorkMail."""


class ResourceNotFoundException(WorkMailError):
    """The resource (an ARN, a rule, a configuration) cannot be found."""


class TooManyTagsException(WorkMailError):
    """The resource would carry more tags than allowed."""


class UnsupportedOperationException(WorkMailError):
    """The operation can't be performed on this organization (a read-only directory)."""


# --- AWS's common errors (not in the WorkMail model) ------------------------------------


class CommonError(WorkMailError):
    """An error the AWS front end answers before the service's code runs."""

    modelled: ClassVar[bool] = False


class ValidationException(CommonError):
    """A request violates a constraint of the model (length, pattern, enum, range, required)."""


class SerializationException(CommonError):
    """The body is not JSON, or a member has the wrong JSON type."""


class UnknownOperationException(CommonError):
    """The X-Amz-Target header names no WorkMail operation."""


class AccessDeniedException(CommonError):
    """The caller may not make the request (the mock: a web page of another origin)."""

    status: ClassVar[int] = 403


class UnrecognizedClientException(CommonError):
    """The request's credentials name no valid account (the mock: an ``x-moto-account-id``
    that is not 12 digits)."""

    status: ClassVar[int] = 403


class InternalFailure(CommonError):
    """A bug inside workmail_mock; the message carries the Python error for the bug report.

    AWS answers InternalFailure with HTTP 500; the mock answers 400 on purpose, so that
    botocore does not retry the call and repeat whatever half of it already ran.
    """


class NotServedByWorkMailMock(WorkMailError):
    """An operation or region workmail_mock does not serve.

    Not an AWS error: a code no AWS service answers, so that it can't be mistaken for a
    real condition (UnsupportedOperationException means "read-only directory"), with HTTP
    400 so that botocore does not retry it.
    """

    modelled: ClassVar[bool] = False


def modelled_error_classes() -> dict[str, type[WorkMailError]]:
    """Every class standing for an error shape of the model, by code."""
    return {
        cls.code: cls
        for cls in WorkMailError.__subclasses__()
        if cls.modelled and cls is not CommonError
    }


def organization_not_found(organization_id: str, account_id: str, region: str) -> WorkMailError:
    return OrganizationNotFoundException(
        f"Organization {organization_id} does not exist in account {account_id}, region {region}"
    )


def organization_state(organization_id: str, state: str) -> WorkMailError:
    return OrganizationStateException(
        f"Organization {organization_id} is in state {state}; the operation requires state Active"
    )


def not_configured(organization_id: str, what: str) -> WorkMailError:
    """A Describe/Get of a configuration the organization doesn't have (a guess at the
    mapping); ``what`` names it, e.g. "email monitoring configuration"."""
    return ResourceNotFoundException(f"Organization {organization_id} has no {what}")


def common_error_classes() -> dict[str, type[WorkMailError]]:
    return {cls.code: cls for cls in CommonError.__subclasses__()}


# --- error shapes of the workmailmessageflow model --------------------------------------


class MessageFlowError(WorkMailError):
    """An error of the ``workmailmessageflow`` API (a separate botocore service model).

    Its subclasses are not direct subclasses of WorkMailError, so the WorkMail model's
    one-to-one check leaves them alone; ``messageflow_error_classes`` lists them. They
    answer with a lower-case ``message`` member, as that model has it.
    """

    modelled: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.code = getattr(cls, "wire_code", cls.__name__)


class InvalidContentLocation(MessageFlowError):
    """WorkMail could not read the S3 object of PutRawMessageContent."""


class MessageFrozen(MessageFlowError):
    """The message can't be updated (typically a redirected message)."""


class MessageRejected(MessageFlowError):
    """The new MIME content is not valid."""


class MessageNotFound(MessageFlowError):
    """The message does not exist, or is older than 24 hours: the model's
    ResourceNotFoundException of ``workmailmessageflow``, with HTTP 404."""

    wire_code: ClassVar[str] = "ResourceNotFoundException"
    status: ClassVar[int] = 404


def messageflow_error_classes() -> dict[str, type[WorkMailError]]:
    """Every class standing for an error shape of the workmailmessageflow model, by code."""
    return {cls.code: cls for cls in MessageFlowError.__subclasses__()}
