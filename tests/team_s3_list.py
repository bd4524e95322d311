# team_s3_list.py — the keys of a bucket, listed with a signed ListObjectsV2 (AWS Signature
# Version 4), for the tests and benchmarks that count what a team library stored; and a
# bucket emptied and removed, for the benchmarks that make many
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import hashlib
import hmac
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

NS = '{http://s3.amazonaws.com/doc/2006-03-01/}'


def _sign(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def _request(method, endpoint, path, query, access, secret, region='us-east-1'):
    url = urllib.parse.urlsplit(endpoint)
    now = datetime.datetime.now(datetime.timezone.utc)
    stamp, day = now.strftime('%Y%m%dT%H%M%SZ'), now.strftime('%Y%m%d')
    canonical_query = '&'.join(f'{urllib.parse.quote(k, safe="-_.~")}={urllib.parse.quote(v, safe="-_.~")}'
                               for k, v in sorted(query.items()))
    empty = hashlib.sha256(b'').hexdigest()
    headers = {'host': url.netloc, 'x-amz-content-sha256': empty, 'x-amz-date': stamp}
    signed = ';'.join(sorted(headers))
    request = '\n'.join([method, path, canonical_query,
                         ''.join(f'{k}:{headers[k]}\n' for k in sorted(headers)), signed, empty])
    scope = f'{day}/{region}/s3/aws4_request'
    to_sign = '\n'.join(['AWS4-HMAC-SHA256', stamp, scope, hashlib.sha256(request.encode()).hexdigest()])
    key = _sign(_sign(_sign(_sign(('AWS4' + secret).encode(), day), region), 's3'), 'aws4_request')
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers['Authorization'] = (f'AWS4-HMAC-SHA256 Credential={access}/{scope}, '
                                f'SignedHeaders={signed}, Signature={signature}')
    del headers['host']
    req = urllib.request.Request(f'{endpoint}{path}?{canonical_query}', headers=headers, method=method)
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read()


def _get(endpoint, bucket, query, access, secret):
    return ET.fromstring(_request('GET', endpoint, f'/{bucket}', query, access, secret))


def list_keys(endpoint, bucket, access, secret, prefix=''):
    """Every key of BUCKET under PREFIX, page after page"""
    keys, token = [], None
    while True:
        query = {'list-type': '2', 'prefix': prefix, 'max-keys': '1000'}
        if token:
            query['continuation-token'] = token
        root = _get(endpoint, bucket, query, access, secret)
        keys += [c.findtext(NS + 'Key') for c in root.findall(NS + 'Contents')]
        if root.findtext(NS + 'IsTruncated') != 'true':
            return keys
        token = root.findtext(NS + 'NextContinuationToken')


def remove_bucket(endpoint, bucket, access, secret):
    """Deletes every object of BUCKET, then BUCKET"""
    for key in list_keys(endpoint, bucket, access, secret):
        _request('DELETE', endpoint, f'/{bucket}/{urllib.parse.quote(key, safe="/-_.~")}', {}, access, secret)
    _request('DELETE', endpoint, f'/{bucket}', {}, access, secret)
