"""A bucket's static website configuration; routing rules are kept as the server sent them."""

from __future__ import annotations

import copy
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from app.core.explained import ExplainedError
from app.core.s3.info_section import Feature, Section, read_section, write_setting
from app.core.s3.session import S3Session


@dataclass(frozen=True)
class RedirectAll:
    host: str
    protocol: str | None = None  # http or https; None keeps the request's


@dataclass(frozen=True)
class Website:
    index_document: str | None = None
    error_document: str | None = None
    redirect_all: RedirectAll | None = None
    routing_rules: tuple[Mapping[str, Any], ...] = ()  # S3's RoutingRule dicts, untouched


class InvalidWebsite(ValueError, ExplainedError):
    pass


def parse_website(response: Mapping[str, Any]) -> Website | None:
    redirect = response.get("RedirectAllRequestsTo")
    index = (response.get("IndexDocument") or {}).get("Suffix")
    if not (redirect or index):
        return None
    return Website(
        index_document=index,
        error_document=(response.get("ErrorDocument") or {}).get("Key"),
        redirect_all=(
            RedirectAll(redirect["HostName"], redirect.get("Protocol")) if redirect else None
        ),
        routing_rules=tuple(copy.deepcopy(r) for r in response.get("RoutingRules") or ()),
    )


def website_body(site: Website) -> dict[str, Any]:
    if site.redirect_all is not None:
        if site.index_document or site.error_document or site.routing_rules:
            raise InvalidWebsite(
                "A website that redirects every request cannot also have an index document, "
                "an error document or routing rules."
            )
        target: dict[str, str] = {"HostName": site.redirect_all.host}
        if site.redirect_all.protocol:
            target["Protocol"] = site.redirect_all.protocol
        return {"RedirectAllRequestsTo": target}
    if not site.index_document:
        raise InvalidWebsite("A website needs an index document (e.g. index.html).")
    if "/" in site.index_document:
        raise InvalidWebsite(
            f"The index document '{site.index_document}' must be a name without '/'."
        )
    body: dict[str, Any] = {"IndexDocument": {"Suffix": site.index_document}}
    if site.error_document:
        body["ErrorDocument"] = {"Key": site.error_document}
    if site.routing_rules:
        body["RoutingRules"] = [copy.deepcopy(dict(r)) for r in site.routing_rules]
    return body


def read_website(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> Section[Website]:
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_bucket_website(Bucket=bucket)),
        parse_website,
        "GetBucketWebsite",
        bucket,
        feature=Feature.WEBSITE,
        unsupported=unsupported,
    )


def put_website(session: S3Session, bucket: str, site: Website | None) -> None:
    """Set the website configuration; None switches website hosting off."""
    if site is None:
        write_setting(
            lambda: session.call(bucket, lambda c: c.delete_bucket_website(Bucket=bucket)),
            "static website hosting",
            bucket,
        )
        return
    body = website_body(site)
    write_setting(
        lambda: session.call(
            bucket, lambda c: c.put_bucket_website(Bucket=bucket, WebsiteConfiguration=body)
        ),
        "static website hosting",
        bucket,
    )
