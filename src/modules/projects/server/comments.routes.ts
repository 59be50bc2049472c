import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authUser } from '../../../platform/auth/auth.schema.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, forbidden, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import type { Role } from '../../../platform/rbac/roles.js';
import { documentRefs } from '../../documents/server/document-lookup.js';
import { projectTask, taskComment } from '../schema.js';
import { requestActor } from './actor.js';
import { assertMembers } from './task-references.js';
import { recordTaskEvent } from './task-service.js';

const commentSchema = z.object({
  id: z.string().uuid(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  body: z.string(),
  mentionIds: z.array(z.string()),
  documents: z.array(z.object({ id: z.string().uuid(), title: z.string(), category: z.string() })),
  createdAt: z.string(),
});
const commentInput = z.object({
  body: z.string().trim().min(1, 'Bitte einen Kommentar schreiben.').max(5000),
  /** The people the text @mentions; the UI collects them as they are picked. */
  mentionIds: z.array(z.string().min(1).max(64)).max(20).default([]),
  /** Documents of the documents module to link (no second file store). */
  documentIds: z.array(z.string().uuid()).max(20).default([]),
});
const taskParams = z.object({ id: z.string().uuid() });

/** Comments on a task with @mentions (notified in the bell and by e-mail) and linked documents. */
export const commentRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const seesConfidential = (role: Role) => platform.permissions.allows(role, 'documents.confidential');

  app.get(
    '/tasks/:id/comments',
    {
      config: { access: { permission: 'projects.read' } },
      schema: {
        tags: ['projects'],
        summary: "A task's comments, oldest first (bounded to 500)",
        params: taskParams,
        response: { 200: z.object({ items: z.array(commentSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const [task] = await tx
          .select({ id: projectTask.id })
          .from(projectTask)
          .where(eq(projectTask.id, request.params.id));
        if (!task) throw notFound('Aufgabe');
        const rows = await tx
          .select({ comment: taskComment, authorName: authUser.name })
          .from(taskComment)
          .leftJoin(authUser, eq(authUser.id, taskComment.authorId))
          .where(eq(taskComment.taskId, request.params.id))
          .orderBy(asc(taskComment.createdAt))
          .limit(500);
        const docs = await documentRefs(
          tx,
          rows.flatMap((r) => r.comment.documentIds),
        );
        const visible = new Map(
          docs.filter((d) => !d.confidential || seesConfidential(ctx.auth.role)).map((d) => [d.id, d]),
        );
        return {
          items: rows.map(({ comment, authorName }) => ({
            id: comment.id,
            authorId: comment.authorId,
            authorName,
            body: comment.body,
            mentionIds: comment.mentionIds,
            documents: comment.documentIds.flatMap((id) => {
              const doc = visible.get(id);
              return doc ? [{ id: doc.id, title: doc.title, category: doc.category }] : [];
            }),
            createdAt: comment.createdAt.toISOString(),
          })),
        };
      });
    },
  );

  app.post(
    '/tasks/:id/comments',
    {
      config: { access: { permission: 'projects.write' } },
      schema: {
        tags: ['projects'],
        summary: 'Comment on a task; mentioned colleagues get a notification',
        params: taskParams,
        body: commentInput,
        response: { 201: z.object({ id: z.string().uuid(), notified: z.array(z.string()) }) },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const actor = requestActor(ctx);
      const { body, mentionIds, documentIds } = request.body;
      await assertMembers(platform, ctx.tenantId, mentionIds);
      const { id, task } = await ctx.db(async (tx) => {
        const [task] = await tx
          .select({ id: projectTask.id, title: projectTask.title, projectId: projectTask.projectId })
          .from(projectTask)
          .where(eq(projectTask.id, request.params.id));
        if (!task) throw notFound('Aufgabe');
        const docs = await documentRefs(tx, documentIds);
        const usable = docs.filter((d) => !d.confidential || seesConfidential(ctx.auth.role));
        if (usable.length !== new Set(documentIds).size)
          throw badRequest(
            'unknown_document',
            'Ein angehängtes Dokument gibt es nicht oder Sie dürfen es nicht sehen.',
          );
        const [row] = await tx
          .insert(taskComment)
          .values({
            tenantId: ctx.tenantId,
            taskId: task.id,
            authorId: ctx.auth.user.id,
            body,
            mentionIds,
            documentIds,
          })
          .returning({ id: taskComment.id });
        await recordTaskEvent(tx, actor, task.id, 'comment', { mentions: mentionIds.length });
        return { id: (row as { id: string }).id, task };
      });
      const notified = await platform.notifications.notify({
        tenantId: ctx.tenantId,
        userIds: mentionIds,
        kind: 'mention',
        title: `${ctx.auth.user.name} hat Sie bei „${task.title}“ erwähnt`,
        body,
        link: task.projectId
          ? `/projekte/${task.projectId}?aufgabe=${task.id}`
          : `/aufgaben?aufgabe=${task.id}`,
        actorId: ctx.auth.user.id,
        actorName: ctx.auth.user.name,
      });
      return reply.status(201).send({ id, notified });
    },
  );

  app.delete(
    '/comments/:id',
    {
      config: { access: { permission: 'projects.write' } },
      schema: {
        tags: ['projects'],
        summary: 'Delete your own comment',
        params: taskParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        const [comment] = await tx.select().from(taskComment).where(eq(taskComment.id, request.params.id));
        if (!comment) throw notFound('Kommentar');
        if (comment.authorId !== ctx.auth.user.id)
          throw forbidden('Nur die Verfasserin oder der Verfasser kann einen Kommentar löschen.');
        await tx.delete(taskComment).where(eq(taskComment.id, comment.id));
      });
      return reply.status(204).send(null);
    },
  );
};
