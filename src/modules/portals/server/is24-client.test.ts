import { describe, expect, it } from 'vitest';
import type { PropertyRow } from '../../crm/server/property-view.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { is24Body } from '../domain/is24-realestate.js';
import { rfc5849Signature } from '../test/is24-fake.js';
import { is24OAuth, readMessages } from './is24-client.js';

/**
 * The published worked example of an OAuth 1.0a HMAC-SHA1 signature (X developer docs, "Creating a
 * signature": https://developer.x.com/en/docs/authentication/oauth-1-0a/creating-a-signature).
 * Neither ImmoXX's signer nor the fake's verifier was written against it.
 */
const X_EXAMPLE = {
  method: 'POST',
  url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
  body: { status: 'Hello Ladies + Gentlemen, a signed OAuth request!' },
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
  consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
  tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
  timestamp: 1318622958,
  signature: 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=',
};

describe('OAuth 1.0a signing', () => {
  it('the client signs the published example to the published signature', () => {
    const oauth = is24OAuth({ consumerKey: X_EXAMPLE.consumerKey, consumerSecret: X_EXAMPLE.consumerSecret });
    oauth.getNonce = () => X_EXAMPLE.nonce;
    oauth.getTimeStamp = () => X_EXAMPLE.timestamp;
    const signed = oauth.authorize(
      { url: X_EXAMPLE.url, method: X_EXAMPLE.method, data: X_EXAMPLE.body },
      { key: X_EXAMPLE.token, secret: X_EXAMPLE.tokenSecret },
    );
    expect(signed.oauth_signature).toBe(X_EXAMPLE.signature);
  });

  it('the fake verifies with the same published example', () => {
    const signature = rfc5849Signature(
      X_EXAMPLE.method,
      new URL(X_EXAMPLE.url),
      [
        ['status', X_EXAMPLE.body.status],
        ['oauth_consumer_key', X_EXAMPLE.consumerKey],
        ['oauth_nonce', X_EXAMPLE.nonce],
        ['oauth_signature_method', 'HMAC-SHA1'],
        ['oauth_timestamp', String(X_EXAMPLE.timestamp)],
        ['oauth_token', X_EXAMPLE.token],
        ['oauth_version', '1.0'],
      ],
      X_EXAMPLE.consumerSecret,
      X_EXAMPLE.tokenSecret,
    );
    expect(signature.toString('base64')).toBe(X_EXAMPLE.signature);
  });
});

describe('ImmoScout24 bodies and answers', () => {
  const flat = {
    ...seeblickWohnung,
    id: '00000000-0000-4000-8000-000000000001',
    externalId: 'IMX-2026-000001',
    status: 'aktiv',
    purchasePriceCents: 54_900_000,
    coldRentCents: null,
    warmRentCents: null,
    additionalCostsCents: null,
    plotArea: null,
    latitude: null,
    longitude: null,
    showAddress: true,
    equipmentDescription: '',
    locationDescription: '',
  } as unknown as PropertyRow;

  it('writes an apartment for sale in the field order of the documented tutorial example', () => {
    // https://api.immobilienscout24.de/api-docs/tutorials/real-estate-insertion: title, address,
    // showAddress, price, livingSpace, numberOfRooms, courtage — in this order.
    const body = is24Body(flat)['realestates.apartmentBuy']!;
    const documented = [
      'title',
      'address',
      'showAddress',
      'price',
      'livingSpace',
      'numberOfRooms',
      'courtage',
    ];
    const ours = Object.keys(body).filter((k) => documented.includes(k));
    expect(ours).toEqual(documented);
    expect(body.price).toEqual({ value: 549000, currency: 'EUR' });
    expect(body.address).toMatchObject({
      street: 'Seestraße',
      houseNumber: '7',
      postcode: '78464',
      city: 'Konstanz',
    });
    expect(body.courtage).toEqual({ hasCourtage: 'YES', courtage: '3,57 % inkl. MwSt. vom Kaufpreis' });
  });

  it('refuses kinds the API does not take with a reason the broker can act on', () => {
    expect(() => is24Body({ ...flat, objectType: 'gastgewerbe' } as PropertyRow)).toThrow(/OpenImmo/);
  });

  it('reads the documented message bodies, including the id of a created resource', () => {
    // api-docs/import-export/real-estate/delete-by-id (JSON response, verbatim structure)
    expect(
      readMessages({
        'common.messages': [
          {
            message: {
              messageCode: 'MESSAGE_RESOURCE_DELETED',
              message: 'Resource [realestate] with id [123456] has been deleted.',
              id: 62544913,
            },
          },
        ],
      }),
    ).toEqual([
      {
        messageCode: 'MESSAGE_RESOURCE_DELETED',
        message: 'Resource [realestate] with id [123456] has been deleted.',
        id: '62544913',
      },
    ]);
    // publish-real-estate: the id only in the text
    expect(
      readMessages({
        'common.messages': [
          {
            message: {
              messageCode: 'MESSAGE_RESOURCE_CREATED',
              message: 'Resource [publish] with id [58850320_10000] has been created.',
            },
          },
        ],
      })[0]?.id,
    ).toBe('58850320_10000');
  });
});
