"""Directories of moto's Directory Service (and the EC2 network they need) for
organizations to use, built through the ``aws`` fixture's clients (see conftest)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

AwsFactory = Callable[[str], Any]


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


def _directory(
    aws: AwsFactory, alias: str | None, name: str, make: str, key: str, **settings: Any
) -> str:
    """A directory made by ds's ``make`` call in a fresh network (its ``key`` settings:
    the VPC, its subnets and ``settings``), with a ds alias when given one; returns its id."""
    ds = aws("ds")
    vpc, subnets = _network(aws("ec2"))
    directory_id: str = getattr(ds, make)(
        Name=name,
        Password="Passw0rd!x",
        Size="Small",
        **{key: {"VpcId": vpc, "SubnetIds": subnets, **settings}},
    )["DirectoryId"]
    if alias is not None:
        ds.create_alias(DirectoryId=directory_id, Alias=alias)
    return directory_id


def simple_ad(aws: AwsFactory, alias: str | None = None, name: str = "corp.example.com") -> str:
    """A Simple AD directory, with a ds alias when given one; returns its id."""
    return _directory(aws, alias, name, "create_directory", "VpcSettings")


def ad_connector(
    aws: AwsFactory, alias: str | None = None, name: str = "onprem.example.com"
) -> str:
    """An AD Connector directory, with a ds alias when given one; returns its id."""
    return _directory(
        aws, alias, name, "connect_directory", "ConnectSettings",
        CustomerDnsIps=["10.0.0.10"], CustomerUserName="connector",
    )
