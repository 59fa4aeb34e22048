import { describe, expect, it } from 'vitest';
import { createRouteMethodIndex } from '../../../src/server/route-methods.js';

describe('createRouteMethodIndex', () => {
  it('matches a concrete path against Fastify route patterns: parameters, a trailing slash, literal dots, the rest (*)', () => {
    const index = createRouteMethodIndex();
    index.add('/__admin/sessions/:id/scenario', 'PUT');
    index.add('/__admin/sessions/:id', ['GET', 'HEAD']);
    index.add('/__admin/sessions/:id', 'DELETE');
    index.add('/__admin/specs/admin.openapi.yaml', 'GET');
    index.add('/__admin/files/*', 'GET');
    expect(index.methodsAt('/__admin/sessions/x/scenario')).toEqual(['PUT']);
    expect(index.methodsAt('/__admin/sessions/x/scenario/')).toEqual(['PUT']);
    expect(index.methodsAt('/__admin/sessions/x')).toEqual(['GET', 'HEAD', 'DELETE']);
    expect(index.methodsAt('/__admin/sessions/x/y/scenario')).toEqual([]);
    expect(index.methodsAt('/__admin/specs/adminXopenapi.yaml')).toEqual([]);
    expect(index.methodsAt('/__admin/files/a/b.css')).toEqual(['GET', 'HEAD']);
  });

  it('names HEAD after GET whether or not the HEAD route was announced (Fastify answers it wherever GET is routed)', () => {
    const index = createRouteMethodIndex();
    index.add('/__admin/health', 'GET');
    index.add('/__admin/sessions', 'POST');
    expect(index.methodsAt('/__admin/health')).toEqual(['GET', 'HEAD']);
    expect(index.methodsAt('/__admin/sessions')).toEqual(['POST']);
  });
});
