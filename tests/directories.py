"""moto's Directory Service (and the EC2 network it needs) for the current way in.

Import ``aws_fixture`` (or ``aws``), the ``aws`` fixture, into a test module to use it:
in-process it opens moto's ``mock_aws`` inside the ``mock_workmail`` scope of the
``client`` fixture; in server mode it builds clients of the same ThreadedMotoServer (one
process, so one ds backend).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from tests.conftest import REGION

AwsFactory = Callable[[str], Any]


@pytest.fixture(name="aws")
def aws_fixture(
    mode: str, make_client: Any, request: pytest.FixtureRequest
) -> Iterator[AwsFactory]:
    """Builds clients of other moto services (ds, ec2, kms) for the current way in."""
    if mode == "server":
        url = request.getfixturevalue("server_url")

        def make(service: str) -> Any:
            return boto3.client(
                service,
                region_name=REGION,
                endpoint_url=url,
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
            )

        yield make
    else:
        with mock_aws():
            yield lambda service: boto3.client(service, region_name=REGION)


#: The same fixture under its own name, for modules that import it as ``aws``.
aws = aws_fixture


def _network(ec2: Any) -> tuple[str, list[str]]:
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"][:2]]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=zone)["Subnet"][
            "SubnetId"
        ]
        for i, zone in enumerate(zones)
    ]
    return vpc, subnets


def simple_ad(aws: AwsFactory, alias: str | None = None, name: str = "corp.example.com") -> str:
    """A Simple AD directory, with a ds alias when given one; returns its id."""
    ds = aws("ds")
    vpc, subnets = _network(aws("ec2"))
    directory_id: str = ds.create_directory(
        Name=name,
        Password="Passw0rd!x",
        Size="Small",
        VpcSettings={"VpcId": vpc, "SubnetIds": subnets},
    )["DirectoryId"]
    if alias is not None:
        ds.create_alias(DirectoryId=directory_id, Alias=alias)
    return directory_id


def ad_connector(
    aws: AwsFactory, alias: str | None = None, name: str = "onprem.example.com"
) -> str:
    """An AD Connector directory, with a ds alias when given one; returns its id."""
    ds = aws("ds")
    vpc, subnets = _network(aws("ec2"))
    directory_id: str = ds.connect_directory(
        Name=name,
        Password="Passw0rd!x",
        Size="Small",
        ConnectSettings={
            "VpcId": vpc,
            "SubnetIds": subnets,
            "CustomerDnsIps": ["10.0.0.10"],
            "CustomerUserName": "connector",
        },
    )["DirectoryId"]
    if alias is not None:
        ds.create_alias(DirectoryId=directory_id, Alias=alias)
    return directory_id
