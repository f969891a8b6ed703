import { createCategory, deleteCategory, getCategory, listCategories, renameCategory } from '@finsight/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseBody, pathId } from './request-helpers';
import { categoryBody } from './schemas';
import { categoryJson } from './serializers';

type WithId = { Params: { id: string } };

export async function categoryRoutes(app: FastifyInstance) {
  app.get('/categories/', async (request) =>
    (await listCategories(app.db, request.userId)).map(categoryJson),
  );

  app.post('/categories/', async (request, reply) => {
    const category = await createCategory(app.db, request.userId, parseBody(categoryBody, request.body));
    return reply.status(201).send(categoryJson(category));
  });

  app.get<WithId>('/categories/:id/', async (request, reply) => {
    const id = pathId(request, reply);
    if (id === undefined) return reply;
    return categoryJson(await getCategory(app.db, request.userId, { id }));
  });

  const rename = async (request: FastifyRequest<WithId>, reply: FastifyReply) => {
    const id = pathId(request, reply);
    if (id === undefined) return reply;
    const { name } = parseBody(categoryBody, request.body);
    return categoryJson(await renameCategory(app.db, request.userId, { id, name }));
  };
  app.patch<WithId>('/categories/:id/', rename);
  app.put<WithId>('/categories/:id/', rename);

  app.delete<WithId>('/categories/:id/', async (request, reply) => {
    const id = pathId(request, reply);
    if (id === undefined) return reply;
    await deleteCategory(app.db, request.userId, { id });
    return reply.status(204).send();
  });
}
