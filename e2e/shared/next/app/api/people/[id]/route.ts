// app/api/people/[id]/route.ts
import { LiveDataApiError, withLiveData } from '@livedata/nextjs';

export const GET = withLiveData<Request, { params: Promise<{ id: string }> }>(
  async (_request, { params, liveData }) => {
    const { id } = await params;
    const res = await liveData.fetch(`/people/v1/${process.env.LIVEDATA_ORG_ID}/person/${id}`);
    if (!res.ok) throw LiveDataApiError.fromResponse(res); // becomes a JSON error response
    return Response.json(await res.json());
  },
);
