import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform/kernel.js';
import {
  affordabilityRequestSchema,
  affordabilitySchema,
  annuityRequestSchema,
  compareRequestSchema,
  financingPlanSchema,
  investmentRequestSchema,
  investmentSchema,
  offerComparisonSchema,
  purchaseCostRequestSchema,
  purchaseCostSchema,
} from '../contract.js';
import { affordability } from '../domain/affordability.js';
import { financingPlan } from '../domain/annuity.js';
import { investment } from '../domain/investment.js';
import { compareOffers } from '../domain/offers.js';
import { purchaseCosts } from '../domain/purchase-costs.js';
import { FEDERAL_STATES, ratesOn, type StateCode } from '../domain/transfer-tax.js';
import { runCalculation } from './run-calculation.js';

const calculate = { access: { permission: 'finance.calculate' }, readOnly: true } as const;

/**
 * The calculators: pure functions behind validated routes, so every figure the UI or a PDF
 * shows can be reproduced with the same input through the API.
 */
export const calculatorRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app) => {
  app.post(
    '/annuity',
    {
      config: calculate,
      schema: {
        tags: ['finance'],
        summary:
          'Annuity loan plan: rates, monthly and yearly schedule, remaining debt, effective rate (PAngV)',
        body: annuityRequestSchema,
        response: { 200: financingPlanSchema },
      },
    },
    async (request) => runCalculation(() => financingPlan(request.body.parts)),
  );

  app.post(
    '/offers/compare',
    {
      config: calculate,
      schema: {
        tags: ['finance'],
        summary: 'Compare two to five loan offers over the shortest Zinsbindung',
        body: compareRequestSchema,
        response: { 200: offerComparisonSchema },
      },
    },
    async (request) => runCalculation(() => compareOffers(request.body.offers)),
  );

  app.post(
    '/purchase-costs',
    {
      config: calculate,
      schema: {
        tags: ['finance'],
        summary:
          'Purchase side costs: transfer tax by state and date, notary, land register, commission (§ 656c BGB)',
        body: purchaseCostRequestSchema,
        response: { 200: purchaseCostSchema },
      },
    },
    async (request) =>
      runCalculation(() => purchaseCosts({ ...request.body, state: request.body.state as StateCode })),
  );

  app.post(
    '/affordability',
    {
      config: calculate,
      schema: {
        tags: ['finance'],
        summary: 'Highest affordable purchase price from income, expenses, equity and loan terms',
        body: affordabilityRequestSchema,
        response: { 200: affordabilitySchema },
      },
    },
    async (request) => runCalculation(() => affordability(request.body)),
  );

  app.post(
    '/investment',
    {
      config: calculate,
      schema: {
        tags: ['finance'],
        summary:
          'Investor figures: yields, factor, cash flow before and after tax, AfA, ROE, 10-year projection with IRR',
        body: investmentRequestSchema,
        response: { 200: investmentSchema },
      },
    },
    async (request) => runCalculation(() => investment(request.body)),
  );

  app.get(
    '/transfer-tax-rates',
    {
      config: calculate,
      schema: {
        tags: ['finance'],
        summary: 'Grunderwerbsteuer of every federal state on a day (default today)',
        querystring: z.object({
          date: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
        }),
        response: {
          200: z.object({
            date: z.string(),
            rates: z.array(
              z.object({
                state: z.string(),
                name: z.string(),
                ratePercent: z.number(),
                validFrom: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const date = request.query.date ?? new Date().toISOString().slice(0, 10);
      return { date, rates: ratesOn(date).map((r) => ({ ...r, name: FEDERAL_STATES[r.state] })) };
    },
  );
};
